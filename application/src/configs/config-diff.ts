import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { ValidationError } from '@netraven/domain';

export type DiffLineKind = 'CONTEXT' | 'ADDED' | 'REMOVED';
export type SideBySideKind = 'CONTEXT' | 'CHANGED' | 'ADDED' | 'REMOVED';

export interface DiffLine {
  readonly kind: DiffLineKind;
  readonly oldNumber: number | null;
  readonly newNumber: number | null;
  readonly text: string;
}

/** Starts as `git diff` writes them: a side without lines gives the line before the change (0 at the top). */
export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly DiffLine[];
}

export interface SideBySideRow {
  readonly kind: SideBySideKind;
  readonly oldNumber: number | null;
  readonly oldText: string | null;
  readonly newNumber: number | null;
  readonly newText: string | null;
}

export interface SideBySideHunk {
  readonly oldStart: number;
  readonly newStart: number;
  readonly rows: readonly SideBySideRow[];
}

export interface TextDiff {
  readonly unified: string;
  readonly stats: { readonly added: number; readonly removed: number };
  readonly hunks: readonly DiffHunk[];
  readonly sideBySide: readonly SideBySideHunk[];
}

/** Two versions too different to diff in this time are refused rather than holding a request for longer. */
const DIFF_TIMEOUT_MS = 5000;
const NO_NEWLINE = '\\ No newline at end of file';

/**
 * Line diff of two texts with jsdiff (Myers' algorithm, the one `git diff` uses by default), as unified text, hunks
 * with line numbers on both sides, and side-by-side rows. `oldPath`/`newPath` name the sides in the unified header.
 */
export function diffTexts(oldText: string, newText: string, paths: { oldPath: string; newPath: string }, context: number): TextDiff {
  const patch = structuredPatch(paths.oldPath, paths.newPath, oldText, newText, '', '', { context, timeout: DIFF_TIMEOUT_MS });
  if (!patch) throw new ValidationError(`the two versions differ too much to compare within ${DIFF_TIMEOUT_MS / 1000} s`, 'to');
  const hunks = patch.hunks.map(hunkOf);
  const lines = hunks.flatMap((h) => h.lines);
  return {
    unified: unifiedText(patch.hunks, paths),
    stats: { added: lines.filter((l) => l.kind === 'ADDED').length, removed: lines.filter((l) => l.kind === 'REMOVED').length },
    hunks,
    sideBySide: hunks.map(sideBySideOf),
  };
}

function hunkOf(hunk: StructuredPatchHunk): DiffHunk {
  let oldNumber = hunk.oldStart;
  let newNumber = hunk.newStart;
  const lines: DiffLine[] = [];
  for (const raw of hunk.lines) {
    if (raw === NO_NEWLINE) continue;
    const text = raw.slice(1);
    if (raw.startsWith('-')) lines.push({ kind: 'REMOVED', oldNumber: oldNumber++, newNumber: null, text });
    else if (raw.startsWith('+')) lines.push({ kind: 'ADDED', oldNumber: null, newNumber: newNumber++, text });
    else lines.push({ kind: 'CONTEXT', oldNumber: oldNumber++, newNumber: newNumber++, text });
  }
  return { ...gitStarts(hunk), oldLines: hunk.oldLines, newLines: hunk.newLines, lines };
}

/** jsdiff numbers an empty side by the line after the change; Git by the line before. */
function gitStarts(hunk: StructuredPatchHunk): { oldStart: number; newStart: number } {
  return { oldStart: hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart, newStart: hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart };
}

/** Removed lines next to added lines pair up as changed rows, in order; the rest stand alone. */
function sideBySideOf(hunk: DiffHunk): SideBySideHunk {
  const rows: SideBySideRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = (): void => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const left = removed[i];
      const right = added[i];
      rows.push({
        kind: left && right ? 'CHANGED' : left ? 'REMOVED' : 'ADDED',
        oldNumber: left?.oldNumber ?? null, oldText: left?.text ?? null, newNumber: right?.newNumber ?? null, newText: right?.text ?? null,
      });
    }
    removed = [];
    added = [];
  };
  for (const line of hunk.lines) {
    if (line.kind === 'REMOVED') removed.push(line);
    else if (line.kind === 'ADDED') added.push(line);
    else {
      flush();
      rows.push({ kind: 'CONTEXT', oldNumber: line.oldNumber, oldText: line.text, newNumber: line.newNumber, newText: line.text });
    }
  }
  flush();
  return { oldStart: hunk.oldStart, newStart: hunk.newStart, rows };
}

function unifiedText(hunks: readonly StructuredPatchHunk[], paths: { oldPath: string; newPath: string }): string {
  if (hunks.length === 0) return '';
  const out = [`--- a/${paths.oldPath}`, `+++ b/${paths.newPath}`];
  for (const hunk of hunks) {
    const { oldStart, newStart } = gitStarts(hunk);
    out.push(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return `${out.join('\n')}\n`;
}

const range = (start: number, lines: number): string => (lines === 1 ? `${start}` : `${start},${lines}`);
