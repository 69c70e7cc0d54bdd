import { WEEKDAYS, type MaintenanceWindow } from '@netraven/domain';
import { builder } from './builder.js';

const WeekdayEnum = builder.enumType('Weekday', { values: WEEKDAYS });

export const MaintenanceWindowType = builder.objectRef<MaintenanceWindow>('MaintenanceWindow').implement({
  description: 'On each of `days`, from `start` to `end` (wall clock "HH:MM", end exclusive) in the schedule\'s timezone; an end at or before the start crosses midnight.',
  fields: (t) => ({
    days: t.field({ type: [WeekdayEnum], resolve: (w) => [...w.days] }),
    start: t.exposeString('start'),
    end: t.exposeString('end'),
  }),
});

export const MaintenanceWindowInput = builder.inputType('MaintenanceWindowInput', {
  description: 'e.g. { days: [MON, TUE], start: "22:00", end: "04:00" }; "24:00" ends at midnight.',
  fields: (t) => ({
    days: t.field({ type: [WeekdayEnum], required: true }),
    start: t.string({ required: true }),
    end: t.string({ required: true }),
  }),
});

type GivenWindow = { days: readonly MaintenanceWindow['days'][number][]; start: string; end: string };

/** The request's windows as the domain reads them; null (an explicit null) removes them like an empty list. */
export const windowsOf = (windows: readonly GivenWindow[] | null | undefined): MaintenanceWindow[] | null | undefined =>
  windows == null ? windows : windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end }));
