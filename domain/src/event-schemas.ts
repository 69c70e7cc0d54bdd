import { EventSchemaRegistry } from './shared/event-schemas.js';
import { JOB_EVENT_SCHEMAS } from './job/upcasters.js';

/** Every event type whose schema has moved past version 1. */
export const NETRAVEN_EVENT_SCHEMAS = new EventSchemaRegistry([...JOB_EVENT_SCHEMAS]);
