export * from './events.js';
export * from './commands.js';
export * from './state.js';
export * from './decide.js';
export * from './login-verdict.js';
export * from './fallback-order.js';
export { CREDENTIAL_EVENT_SCHEMAS } from './upcasters.js';
