export * from './events.js';
export * from './commands.js';
export * from './state.js';
export * from './timing.js';
export * from './windows.js';
export * from './validate.js';
export * from './occurrence-plan.js';
export * from './decide.js';
