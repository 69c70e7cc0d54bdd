import { formatPatch, structuredPatch } from 'diff';

export interface ConfigChange {
  /** `diff -u` text, `a/<path>` against `b/<path>`, cut at `maxChars` (then `truncated`). */
  readonly diff: string;
  readonly linesAdded: number;
  readonly linesRemoved: number;
  readonly truncated: boolean;
}

/**
 * The unified diff of two versions of a device's config, with jsdiff (`diff`): pure JavaScript, the line diff
 * Git itself would show, without a working tree or a `git` binary in the scheduler's process.
 */
export function configChange(path: string, before: string, after: string, maxChars: number): ConfigChange {
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) linesAdded++;
      else if (line.startsWith('-')) linesRemoved++;
    }
  }
  // formatPatch starts with a `===` separator line that `diff -u` does not print.
  const text = formatPatch(patch).replace(/^=+\n/, '');
  const truncated = text.length > maxChars;
  return { diff: truncated ? text.slice(0, maxChars) : text, linesAdded, linesRemoved, truncated };
}
