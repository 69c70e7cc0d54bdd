export * from './netraven-commands.js';
export * from './unique-names.js';
