export * from './shared/decider.js';
export * from './shared/errors.js';
export * from './shared/tags.js';
export * from './shared/validation.js';
export * from './shared/host-address.js';
export * from './device/events.js';
export * from './device/commands.js';
export * from './credential/events.js';
export * from './credential/commands.js';
export * from './job/events.js';
export * from './job/commands.js';

// Each aggregate's decide/evolve/initialState share names, so only the decider objects, state types
// and helpers are re-exported here; `@netraven/domain/<aggregate>` exposes the plain functions.
export { deviceDecider } from './device/decide.js';
export * from './device/validate.js';
export type { ActiveDevice, DeviceState, KnownDevice } from './device/state.js';
export { credentialDecider, MAX_CREDENTIAL_PRIORITY, validateCredentialFallback, validateCredentialLogin } from './credential/decide.js';
export * from './credential/login-verdict.js';
export * from './credential/fallback-order.js';
export { CREDENTIAL_EVENT_SCHEMAS } from './credential/upcasters.js';
export type { ActiveCredential, CredentialState, KnownCredential } from './credential/state.js';
export { jobDecider, validateBackupTargets } from './job/decide.js';
export * from './name-reservation/events.js';
export * from './name-reservation/commands.js';
export { credentialNameDecider, deviceNameDecider, NameTakenError } from './name-reservation/decide.js';
export { normalizeName, type NameReservationState } from './name-reservation/state.js';
export * from './name-reservation/abandonment.js';
export { devicesAwaitingOutcome, jobStatusOf } from './job/state.js';
export type { CompletedJobStatus, DeviceOutcome, JobState, RunningJob } from './job/state.js';
export * from './joblog/events.js';
export * from './shared/event-schemas.js';
export { JOB_EVENT_SCHEMAS } from './job/upcasters.js';
export { NETRAVEN_EVENT_SCHEMAS } from './event-schemas.js';
export * from './device/circuit-breaker.js';
