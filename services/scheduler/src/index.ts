export * from './job-dispatcher.js';
export * from './task-relay.js';
export * from './work-reconciler.js';
export * from './task-deadline-watchdog.js';
export * from './schedule-runner.js';
export * from './log-retention-task.js';
