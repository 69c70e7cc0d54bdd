export * from './events.js';
export * from './commands.js';
export * from './pattern-safety.js';
export * from './validate.js';
export * from './decide.js';
