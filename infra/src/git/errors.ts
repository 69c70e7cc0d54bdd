export type GitStorageErrorCode =
  /** The caller passed a path, commit id or argument the repository cannot accept. */
  | 'invalid-argument'
  /** A commit the caller named does not exist. */
  | 'not-found'
  /** Another writer kept moving the branch and every retry lost the race. */
  | 'conflict'
  /** Anything libgit2 or the file system reported. */
  | 'storage';

export interface GitStorageErrorDetails {
  code: GitStorageErrorCode;
  operation: string;
  repoPath: string;
  path?: string;
  commit?: string;
  cause?: unknown;
}

export class GitStorageError extends Error {
  override readonly name = 'GitStorageError';
  readonly code: GitStorageErrorCode;
  readonly operation: string;
  readonly repoPath: string;
  readonly path: string | undefined;
  readonly commit: string | undefined;

  constructor(message: string, details: GitStorageErrorDetails) {
    super(describe(message, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.operation = details.operation;
    this.repoPath = details.repoPath;
    this.path = details.path;
    this.commit = details.commit;
  }
}

function describe(message: string, d: GitStorageErrorDetails): string {
  const where = [`repo ${d.repoPath}`];
  if (d.path !== undefined) where.push(`path ${d.path}`);
  if (d.commit !== undefined) where.push(`commit ${d.commit}`);
  const cause = d.cause instanceof Error ? `: ${d.cause.message}` : d.cause === undefined ? '' : `: ${String(d.cause)}`;
  return `git ${d.operation} failed (${where.join(', ')}): ${message}${cause}`;
}
