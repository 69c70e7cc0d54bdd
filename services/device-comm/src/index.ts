export * from './capture/index.js';
export * from './platforms/index.js';
export * from './session/index.js';
export * from './worker/backup-worker.js';
export * from './worker/job-log-buffer.js';
export * from './worker/capture-with-retry.js';
export * from './worker/host-limiter.js';
