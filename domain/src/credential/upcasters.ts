import type { EventSchema } from '../shared/event-schemas.js';
import { DEFAULT_CREDENTIAL_PRIORITY } from './events.js';

export const CREDENTIAL_EVENT_SCHEMAS: readonly EventSchema[] = [
  {
    type: 'CredentialCreated',
    version: 2,
    // v1 had no tags or priority: a credential served only the devices that name it.
    upcasters: { 1: (data) => ({ ...data, tags: [], priority: DEFAULT_CREDENTIAL_PRIORITY }) },
  },
];
