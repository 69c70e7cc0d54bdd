export * from './roles.js';
export * from './events.js';
export * from './commands.js';
export * from './state.js';
export * from './decide.js';
export * from './access-events.js';
export * from './group-mapping.js';
