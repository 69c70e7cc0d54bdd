import type { EventSchema } from '../shared/event-schemas.js';
import { FAILURE_CATEGORIES, isTransientFailure, type FailureCategory } from './events.js';

/** Schedules' job ids are `sched-<scheduleId>-<epoch seconds>` (see services/scheduler/src/schedule-runner.ts). */
const SCHEDULED_JOB_ID = /^sched-(.+)-\d+$/;

export const JOB_EVENT_SCHEMAS: readonly EventSchema[] = [
  {
    type: 'DeviceBackupFailed',
    version: 2,
    upcasters: {
      // v1 had no `transient`; it follows from the category.
      1: (data) => {
        const category = data.category as FailureCategory;
        if (!FAILURE_CATEGORIES.includes(category)) throw new Error(`DeviceBackupFailed v1 with unknown category ${String(category)}`);
        return { ...data, transient: isTransientFailure(category) };
      },
    },
  },
  {
    type: 'BackupScheduled',
    version: 2,
    upcasters: {
      // v1 had no priority: a schedule's job (recognised by its id) ran at NORMAL, everything else was asked for now (HIGH).
      // What the data already holds wins: an event written unstamped by a store without the schema registry.
      1: (data) => {
        const fromSchedule = SCHEDULED_JOB_ID.exec(String(data.jobId));
        return { priority: fromSchedule ? 'NORMAL' : 'HIGH', ...(fromSchedule?.[1] ? { scheduleId: fromSchedule[1] } : {}), ...data };
      },
    },
  },
  {
    type: 'JobDispatched',
    version: 2,
    // v1 jobs were all backups; their priority is not in the event, and NORMAL queues them as before priorities existed.
    upcasters: { 1: (data) => ({ jobType: 'backup', priority: 'NORMAL', ...data }) },
  },
];
