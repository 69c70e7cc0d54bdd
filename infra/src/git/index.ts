export {
  CONFIG_BRANCH,
  configPathProblem,
  GitConfigRepository,
  NETRAVEN_IDENTITY,
} from './git-config-repository.js';
export type {
  CommitConfigInput,
  CommitConfigResult,
  ConfigHistoryEntry,
  GitIdentity,
} from './git-config-repository.js';
export { GitStorageError } from './errors.js';
export type { GitStorageErrorCode, GitStorageErrorDetails } from './errors.js';
export { parseTrailers } from './commit-message.js';
