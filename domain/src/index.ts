export * from './shared/decider.js';
export * from './shared/errors.js';
export * from './device/events.js';
export * from './device/commands.js';
export * from './credential/events.js';
export * from './credential/commands.js';
export * from './job/events.js';
export * from './job/commands.js';
