import { EventSchemaRegistry } from './shared/event-schemas.js';
import { JOB_EVENT_SCHEMAS } from './job/upcasters.js';
import { DEVICE_EVENT_SCHEMAS } from './device/upcasters.js';
import { CREDENTIAL_EVENT_SCHEMAS } from './credential/upcasters.js';

/** Every event type whose schema has moved past version 1. */
export const NETRAVEN_EVENT_SCHEMAS = new EventSchemaRegistry([...DEVICE_EVENT_SCHEMAS, ...JOB_EVENT_SCHEMAS, ...CREDENTIAL_EVENT_SCHEMAS]);
