export {
  CONFIG_BRANCH,
  GitConfigRepository,
  NETRAVEN_IDENTITY,
} from './git-config-repository.js';
export { configPathProblem, DEVICE_CONFIG_FILE, deviceConfigPath } from './config-paths.js';
export type {
  CommitConfigInput,
  CommitConfigResult,
  ConfigHistoryEntry,
  GitIdentity,
} from './git-config-repository.js';
export { GitStorageError } from './errors.js';
export type { GitStorageErrorCode, GitStorageErrorDetails } from './errors.js';
export { parseTrailers } from './commit-message.js';
export { countObjects, RepositoryMaintenance, type MaintenanceOutcome, type ObjectCounts, type RepositoryMaintenanceOptions } from './repository-maintenance.js';
