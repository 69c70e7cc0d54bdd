export * from './work-queue.js';
export * from './in-process-work-queue.js';
export * from './nats/index.js';
export * from './priority-picker.js';
