import type { CommitConfigInput, CommitConfigResult } from './git-config-repository.js';

export interface WaitingCommit {
  readonly input: CommitConfigInput;
  readonly resolve: (result: CommitConfigResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Files per wave commit: big enough to amortise the tree rewrite, small enough to keep one commit readable. */
export const MAX_WAVE = 500;

/**
 * Takes the next wave off the front of `waiting`: commits of the same job as the first, each path
 * once (a second change to the same file waits for the next wave), at most `max`. The job id must
 * be single per wave so a retried task can recognise its job's own commit by the `Job-Id` trailer.
 */
export function takeWave(waiting: WaitingCommit[], max: number): WaitingCommit[] {
  const jobId = waiting[0]?.input.jobId;
  const wave: WaitingCommit[] = [];
  const paths = new Set<string>();
  for (let i = 0; i < waiting.length && wave.length < max; ) {
    const candidate = waiting[i]!;
    if (candidate.input.jobId === jobId && !paths.has(candidate.input.path)) {
      wave.push(candidate);
      paths.add(candidate.input.path);
      waiting.splice(i, 1);
    } else {
      i++;
    }
  }
  return wave;
}
