export * from './netraven-commands.js';
export * from './unique-names.js';
export * from './credential-commands.js';
export * from './login-probe.js';
