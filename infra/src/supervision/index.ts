export * from './supervisor.js';
export * from './outage-log.js';
export * from './supervise-alone.js';
export * from './periodic-run.js';
