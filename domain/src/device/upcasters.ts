import type { EventSchema } from '../shared/event-schemas.js';

export const DEVICE_EVENT_SCHEMAS: readonly EventSchema[] = [
  {
    type: 'DeviceRegistered',
    version: 2,
    // v1 had no `protocol`: every device was reached over SSH.
    upcasters: { 1: (data) => ({ ...data, protocol: 'ssh' }) },
  },
];
