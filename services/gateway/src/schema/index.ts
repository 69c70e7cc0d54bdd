import { builder } from './builder.js';
import './access.js';
import './errors.js';
import './credentials.js';
import './devices.js';
import './device-import.js';
import './jobs.js';
import './device-connections.js';
import './job-connections.js';
import './schedules.js';
import './schedule-jobs.js';
import './configs.js';
import './webhooks.js';
import './job-control.js';
import './audit.js';
import './backup-policies.js';

export const schema = builder.toSchema();
export type { GatewayContext } from './builder.js';
