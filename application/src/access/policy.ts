import { ForbiddenError, roleAtLeast, UnauthenticatedError, type Role } from '@netraven/domain';
import type { Actor } from './actor.js';

/**
 * Every operation of the API and the role it needs, in one table: the use cases call `authorize`
 * first, so the rule holds for every entry point (GraphQL, CLI, lab bootstrap), not per resolver.
 * `signedIn` needs any identity; `public` needs none.
 */
export const OPERATION_ROLES = {
  login: 'public',
  refresh: 'public',
  logout: 'signedIn',
  me: 'signedIn',
  changePassword: 'signedIn',
  createApiToken: 'VIEWER',
  revokeApiToken: 'VIEWER',
  apiTokens: 'VIEWER',
  devices: 'VIEWER',
  device: 'VIEWER',
  jobs: 'VIEWER',
  job: 'VIEWER',
  logs: 'VIEWER',
  jobUpdated: 'VIEWER',
  configAt: 'VIEWER',
  configDiff: 'VIEWER',
  searchConfigs: 'VIEWER',
  jobHistory: 'VIEWER',
  jobStateAt: 'VIEWER',
  deviceHistory: 'VIEWER',
  logTypes: 'VIEWER',
  tags: 'VIEWER',
  logLevels: 'VIEWER',
  logStats: 'VIEWER',
  jobsChanged: 'VIEWER',
  deviceChanged: 'VIEWER',
  logAdded: 'VIEWER',
  credentials: 'OPERATOR',
  registerDevice: 'OPERATOR',
  importDevices: 'OPERATOR',
  updateDevice: 'OPERATOR',
  tagDevice: 'OPERATOR',
  untagDevice: 'OPERATOR',
  resetHostKey: 'OPERATOR',
  decommissionDevice: 'OPERATOR',
  scheduleBackup: 'OPERATOR',
  runJob: 'OPERATOR',
  cancelJob: 'OPERATOR',
  rerunFailed: 'OPERATOR',
  queueStatus: 'VIEWER',
  schedules: 'VIEWER',
  schedule: 'VIEWER',
  createSchedule: 'OPERATOR',
  updateSchedule: 'OPERATOR',
  enableSchedule: 'OPERATOR',
  disableSchedule: 'OPERATOR',
  deleteSchedule: 'OPERATOR',
  backupPolicies: 'VIEWER',
  staleDevices: 'VIEWER',
  setBackupPolicy: 'ADMIN',
  removeBackupPolicy: 'ADMIN',
  createCredential: 'ADMIN',
  updateCredential: 'ADMIN',
  testCredential: 'OPERATOR',
  webhooks: 'ADMIN',
  webhookDeliveries: 'ADMIN',
  createWebhook: 'ADMIN',
  updateWebhook: 'ADMIN',
  deleteWebhook: 'ADMIN',
  testWebhook: 'ADMIN',
  users: 'ADMIN',
  createUser: 'ADMIN',
  updateUser: 'ADMIN',
  disableUser: 'ADMIN',
  enableUser: 'ADMIN',
} as const satisfies Record<string, Role | 'public' | 'signedIn'>;

export type Operation = keyof typeof OPERATION_ROLES;

/** What a user whose password must change may still do. */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<Operation> = new Set(['me', 'changePassword', 'logout', 'login', 'refresh']);

/** Throws `UnauthenticatedError` (no identity) or `ForbiddenError` (identity without the right). */
export function authorize(actor: Actor, operation: Operation): void {
  const needed = OPERATION_ROLES[operation];
  if (needed === 'public') return;
  if (actor.kind === 'anonymous' || actor.role === null) throw new UnauthenticatedError(actor.rejection ?? `${operation} needs you to sign in`);
  if (actor.passwordChangeRequired && !BEFORE_PASSWORD_CHANGE.has(operation))
    throw new ForbiddenError('your password must be changed first (changePassword)');
  if (needed === 'signedIn') return;
  if (!roleAtLeast(actor.role, needed)) throw new ForbiddenError(`${operation} needs the ${needed} role (you are ${actor.role})`);
}
