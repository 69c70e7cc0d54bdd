import { deviceConfigPath, GitStorageError } from '@netraven/infra/git';

/** Reads a device's stored config at a commit (`GitConfigRepository` is one). */
export interface ConfigRepositoryReader {
  readConfig(commit: string, path: string): Promise<string | null>;
}

/** A device's config text at a commit, or null when the repository has no such commit or file. */
export interface ConfigTexts {
  configAt(deviceId: string, commit: string): Promise<string | null>;
}

/**
 * The config repository as the search read model and the config queries read it: by commit (a blob read, no
 * history walk), a commit the repository does not know answering null instead of failing.
 */
export function configTextsOf(repository: ConfigRepositoryReader): ConfigTexts {
  return {
    async configAt(deviceId, commit) {
      try {
        return await repository.readConfig(commit, deviceConfigPath(deviceId));
      } catch (error) {
        if (error instanceof GitStorageError && (error.code === 'not-found' || error.code === 'invalid-argument')) return null;
        throw error;
      }
    },
  };
}
