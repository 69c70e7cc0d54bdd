export * from './netraven-commands.js';
export * from './device-import.js';
export * from './netraven-queries.js';
export * from './unique-names.js';
export * from './credential-commands.js';
export * from './login-probe.js';
export * from './access/index.js';
export * from './schedule-use-cases.js';
