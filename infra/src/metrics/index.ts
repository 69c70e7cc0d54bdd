export { NetRavenMetrics, type GaugeReading } from './netraven-metrics.js';
export { BackupOutcomeMetrics } from './backup-outcomes.js';
export { instrumentEventStore, instrumentGit } from './instrumented.js';
