import { builder } from './builder.js';
import './access.js';
import './credentials.js';
import './devices.js';
import './device-import.js';
import './jobs.js';
import './logs.js';
import './live.js';
import './schedules.js';

export const schema = builder.toSchema();
export type { GatewayContext } from './builder.js';
