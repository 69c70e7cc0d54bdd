import type { EventSchema } from '../shared/event-schemas.js';
import { FAILURE_CATEGORIES, isTransientFailure, type FailureCategory } from './events.js';

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
];
