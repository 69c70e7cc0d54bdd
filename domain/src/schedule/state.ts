import type { ScheduleDefinition, ScheduleEvent } from './events.js';

export interface ExistingSchedule {
  readonly phase: 'Active';
  readonly scheduleId: string;
  readonly definition: ScheduleDefinition;
  readonly enabled: boolean;
  /** The system reachability schedule: retimed, never deleted or disabled. */
  readonly system: boolean;
  readonly createdAt: string;
  /** Occurrences up to here are settled (fired, skipped, or before creation, an edit of the timing, or re-enabling). */
  readonly settledThrough: string;
  readonly lastFired: { readonly occurrence: string; readonly jobId: string } | null;
}

export type ScheduleState = { readonly phase: 'New' } | ExistingSchedule | { readonly phase: 'Deleted'; readonly scheduleId: string };

export const initialState = (): ScheduleState => ({ phase: 'New' });

const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);
const sameTiming = (a: ScheduleDefinition, b: ScheduleDefinition): boolean =>
  JSON.stringify([a.timing, a.startAt]) === JSON.stringify([b.timing, b.startAt]);

export const evolve = (state: ScheduleState, event: ScheduleEvent): ScheduleState => {
  if (event.type === 'ScheduleCreated') {
    const { scheduleId, enabled, createdAt, system, ...definition } = event.data;
    return { phase: 'Active', scheduleId, definition, enabled, system: system === true, createdAt, settledThrough: createdAt, lastFired: null };
  }
  if (state.phase !== 'Active') return state;
  switch (event.type) {
    case 'ScheduleUpdated': {
      const { scheduleId: _id, updatedAt, ...definition } = event.data;
      // New timing counts from the edit: occurrences the old timing would have had do not become "missed".
      const settledThrough = sameTiming(state.definition, definition) ? state.settledThrough : later(state.settledThrough, updatedAt);
      return { ...state, definition, settledThrough };
    }
    case 'ScheduleEnabled':
      // Occurrences while disabled were not missed by a scheduler: they were not wanted.
      return { ...state, enabled: true, settledThrough: later(state.settledThrough, event.data.enabledAt) };
    case 'ScheduleDisabled':
      return { ...state, enabled: false };
    case 'ScheduleDeleted':
      return { phase: 'Deleted', scheduleId: state.scheduleId };
    case 'ScheduleOccurrenceFired':
      return { ...state, settledThrough: later(state.settledThrough, event.data.occurrence), lastFired: { occurrence: event.data.occurrence, jobId: event.data.jobId } };
    case 'ScheduleOccurrencesSkipped':
      return { ...state, settledThrough: later(state.settledThrough, event.data.through) };
    default:
      return state;
  }
};
