import { INPUT_LIMITS, requireLabel, ValidationError } from '@netraven/domain';
import type { ConfigMatcher } from '@netraven/projections';

export interface ConfigSearchInput {
  readonly query: string;
  readonly regex?: boolean;
  readonly tags?: readonly string[];
  readonly platforms?: readonly string[];
  /** Search every stored version, not only each device's latest. */
  readonly history?: boolean;
  readonly first?: number;
  readonly after?: string;
  /** Lines shown before and after each matching line. */
  readonly context?: number;
}

export const SEARCH_LIMITS = { queryLength: 512, defaultFirst: 20, maxFirst: 100, defaultContext: 2, maxContext: 10, filterValues: 100 } as const;

/** Where a page ends: after a device (latest configs, by name and id) or after a number of versions (history). */
export type SearchCursor = { readonly mode: 'latest'; readonly name: string; readonly id: string } | { readonly mode: 'history'; readonly offset: number };

export interface CheckedSearch {
  readonly matcher: ConfigMatcher;
  readonly tags: readonly string[];
  readonly platforms: readonly string[];
  readonly history: boolean;
  readonly first: number;
  readonly after: SearchCursor | undefined;
  readonly context: number;
}

/** Private-use characters stand for mask tokens in the searched text (`config-search-queries.ts`): no query may hold one. */
const PRIVATE_USE = /[\ue000-\uf8ff]/;

export function checkSearchInput(input: ConfigSearchInput): CheckedSearch {
  const query = requireLabel(input.query, 'query', SEARCH_LIMITS.queryLength);
  if (PRIVATE_USE.test(query)) throw new ValidationError('query must not contain private-use characters', 'query');
  const regex = input.regex ?? false;
  // ARE directors (`***=`, `***:`) would switch off the newline-sensitive mode the whole-config test relies on.
  if (regex && query.startsWith('***')) throw new ValidationError('query must not start with an ARE director (***)', 'query');
  const history = input.history ?? false;
  const after = input.after === undefined ? undefined : decodeCursor(input.after, history ? 'history' : 'latest');
  return {
    matcher: { kind: regex ? 'regex' : 'text', value: query },
    tags: labels(input.tags, 'tags', INPUT_LIMITS.tagLength),
    platforms: labels(input.platforms, 'platforms', 64),
    history,
    first: bounded(input.first, 'first', 1, SEARCH_LIMITS.maxFirst, SEARCH_LIMITS.defaultFirst),
    after,
    context: bounded(input.context, 'context', 0, SEARCH_LIMITS.maxContext, SEARCH_LIMITS.defaultContext),
  };
}

export function encodeCursor(cursor: SearchCursor): string {
  const parts = cursor.mode === 'latest' ? ['latest', cursor.name, cursor.id] : ['history', cursor.offset];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function decodeCursor(text: string, mode: SearchCursor['mode']): SearchCursor {
  const refuse = (): never => { throw new ValidationError(`after is not a cursor of a ${mode === 'history' ? 'history ' : ''}search page`, 'after'); };
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parts) || parts[0] !== mode) return refuse();
  if (mode === 'latest' && typeof parts[1] === 'string' && typeof parts[2] === 'string') return { mode, name: parts[1], id: parts[2] };
  if (mode === 'history' && Number.isSafeInteger(parts[1]) && (parts[1] as number) >= 0) return { mode, offset: parts[1] as number };
  return refuse();
}

function labels(values: readonly string[] | undefined, field: string, maxLength: number): string[] {
  const list = values ?? [];
  if (list.length > SEARCH_LIMITS.filterValues) throw new ValidationError(`${field} may name at most ${SEARCH_LIMITS.filterValues} values`, field);
  return [...new Set(list.map((value) => requireLabel(value.trim(), field, maxLength)))];
}

function bounded(value: number | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(`${field} must be an integer from ${min} to ${max} (got ${value})`, field);
  return value;
}

export interface ShownLine {
  readonly number: number;
  readonly text: string;
  /** True for a line shown around a match, false for a matching line. */
  readonly context: boolean;
}

/** The matching lines of a config and `context` lines around each, in order, each once (as `grep -C`). */
export function linesWithContext(config: string, matches: readonly number[], context: number): ShownLine[] {
  const lines = config.split('\n');
  const matching = new Set(matches);
  const shown = new Set<number>();
  for (const number of matches) {
    for (let n = Math.max(1, number - context); n <= Math.min(lines.length, number + context); n++) shown.add(n);
  }
  return [...shown].sort((a, b) => a - b).map((number) => ({ number, text: lines[number - 1] ?? '', context: !matching.has(number) }));
}
