export * from './job-dispatcher.js';
export * from './task-relay.js';
