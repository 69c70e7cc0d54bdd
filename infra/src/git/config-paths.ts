/** Which paths name a file in the config repository, and where a device's configuration lives. */

/** Why `path` cannot name a file in the repository, or null when it can. */
export function configPathProblem(path: string): string | null {
  if (path === '') return 'path is empty';
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'path contains a control character or a backslash';
  if (path.startsWith('/') || path.endsWith('/')) return 'path must be relative and name a file';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `path has an empty, "." or ".." segment`;
    if (segment.toLowerCase() === '.git') return 'path has a ".git" segment';
  }
  return null;
}

/**
 * Where a device's configuration lives: one directory per device, named by its id, and one file in it whatever
 * the platform, so changing a device's platform keeps one file and one history. Repositories written before
 * held `<deviceId>/<platform>.cfg` ("legacy" files); opening one moves them (`device-path-migration.ts`), and
 * reading a commit from before that still finds them (`device-config-lookup.ts`).
 */
export const DEVICE_CONFIG_FILE = 'config.cfg';

/** The path of a device's configuration: `<deviceId>/config.cfg`. */
export function deviceConfigPath(deviceId: string): string {
  if (deviceId.includes('/') || configPathProblem(deviceId) !== null) {
    throw new RangeError(`device id ${JSON.stringify(deviceId)} cannot name a directory in the config repository`);
  }
  return `${deviceId}/${DEVICE_CONFIG_FILE}`;
}

/**
 * The device directory a path names, or null when the path is not a device's config: `<deviceId>/config.cfg`
 * and the legacy `<deviceId>/<platform>.cfg` both name the device `<deviceId>`.
 */
export function deviceDirectoryOf(path: string): string | null {
  const segments = path.split('/');
  if (segments.length !== 2) return null;
  const [directory = '', name = ''] = segments;
  return directory !== '' && isConfigFileName(name) ? directory : null;
}

/** A configuration file in a device directory: `config.cfg`, or a legacy `<platform>.cfg`. */
export function isConfigFileName(name: string): boolean {
  return name.endsWith('.cfg') && name.length > '.cfg'.length;
}

export function isLegacyConfigFileName(name: string): boolean {
  return isConfigFileName(name) && name !== DEVICE_CONFIG_FILE;
}
