import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ReadModelDatabase } from '../schema/database.js';
import { deviceInScope } from '../access/scope-filters.js';

/** How a stored config hides a secret's value (`device-comm`'s redaction writes it). */
export const MASK_TOKEN = '<removed>';

/** What a search looks for: a case-insensitive substring, or a PostgreSQL (ARE) regular expression matched per line. */
export type ConfigMatcher = { readonly kind: 'text'; readonly value: string } | { readonly kind: 'regex'; readonly value: string };

export interface LatestConfigSearch {
  readonly matcher: ConfigMatcher;
  readonly tags?: readonly string[];
  readonly platforms?: readonly string[];
  /** A scoped reader's tags: only devices carrying one of them. */
  readonly scope?: readonly string[];
  /** Keyset: devices ordered by (name, id), after this one. */
  readonly after?: { readonly name: string; readonly id: string };
  readonly limit: number;
  readonly timeoutMs: number;
}

export interface ConfigSearchHit {
  device_id: string;
  name: string;
  commit: string;
  recorded_at: Date;
  config: string;
  /** 1-based numbers of the matching lines. */
  numbers: number[];
}

/**
 * The text a search sees: each mask token folded into one private-use character that no query may contain, so a
 * search can match around a masked secret but never inside the token. Line breaks are kept, so line numbers agree
 * with the stored text. The trigram index (migration `0010_config_search`) is built on this very expression.
 */
const searchable = (column: RawBuilder<string>): RawBuilder<string> => sql<string>`replace(${column}, ${sql.lit(MASK_TOKEN)}, chr(57344))`;

const lineMatches = (line: RawBuilder<string>, matcher: ConfigMatcher): RawBuilder<boolean> =>
  matcher.kind === 'text' ? sql<boolean>`strpos(lower(${line}), lower(${matcher.value})) > 0` : sql<boolean>`${line} ~ ${matcher.value}`;

/**
 * A whole-config test that every config with a matching line passes (what the trigram index can answer): the
 * substring anywhere, or the expression in newline-sensitive mode (`(?n)`: `^`/`$` at line ends, `.` not across lines).
 */
function documentMatches(document: RawBuilder<string>, matcher: ConfigMatcher): RawBuilder<boolean> {
  if (matcher.kind === 'text') return sql<boolean>`${document} ILIKE ${`%${matcher.value.replace(/[\\%_]/g, '\\$&')}%`}`;
  const options = /^\(\?([a-z]+)\)/.exec(matcher.value);
  const pattern = options ? `(?n${options[1] ?? ''})${matcher.value.slice(options[0].length)}` : `(?n)${matcher.value}`;
  return sql<boolean>`${document} ~ ${pattern}`;
}

/** Runs `work` in a transaction whose statements stop after `timeoutMs` (PostgreSQL error 57014). */
export function withStatementTimeout<T>(db: Kysely<ReadModelDatabase>, timeoutMs: number, work: (trx: Kysely<ReadModelDatabase>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('statement_timeout', ${String(Math.max(1, Math.round(timeoutMs)))}, true)`.execute(trx);
    return work(trx);
  });
}

/** Compiles the expression once in PostgreSQL: an invalid one fails here (error 2201B) even when no row would be read. */
export async function checkRegex(db: Kysely<ReadModelDatabase>, pattern: string, timeoutMs: number): Promise<void> {
  await withStatementTimeout(db, timeoutMs, (trx) => sql`SELECT '' ~ ${pattern} AS ok`.execute(trx));
}

/** Active devices whose latest config has a matching line, by (name, id), with the numbers of those lines. */
export async function searchLatestConfigs(db: Kysely<ReadModelDatabase>, search: LatestConfigSearch): Promise<ConfigSearchHit[]> {
  const filters: RawBuilder<boolean>[] = [sql<boolean>`d.status = 'active'`, documentMatches(searchable(sql.ref('cs.config')), search.matcher)];
  if (search.tags?.length) filters.push(sql<boolean>`exists (select 1 from device_tags t where t.device_id = d.id and t.tag = any(${[...search.tags]}::text[]))`);
  if (search.platforms?.length) filters.push(sql<boolean>`d.platform = any(${[...search.platforms]}::text[])`);
  if (search.scope?.length) filters.push(deviceInScope('d.id', search.scope));
  if (search.after) filters.push(sql<boolean>`(d.name, d.id) > (${search.after.name}, ${search.after.id})`);
  const line = sql<string>`l.line`;
  return withStatementTimeout(db, search.timeoutMs, async (trx) => {
    const { rows } = await sql<ConfigSearchHit>`
      SELECT d.id AS device_id, d.name, cs.commit, cs.recorded_at, cs.config, m.numbers
        FROM config_search cs
        JOIN devices d ON d.id = cs.device_id
        CROSS JOIN LATERAL (
          SELECT array_agg(l.n::int ORDER BY l.n) AS numbers
            FROM regexp_split_to_table(${searchable(sql.ref('cs.config'))}, E'\\n') WITH ORDINALITY AS l(line, n)
           WHERE ${lineMatches(line, search.matcher)}) m
       WHERE ${sql.join(filters, sql` AND `)} AND m.numbers IS NOT NULL
       ORDER BY d.name, d.id
       LIMIT ${search.limit}`.execute(trx);
    return rows;
  });
}

/** For each text, the 1-based numbers of its matching lines (empty when none): history search matches in PostgreSQL too. */
export async function matchingLines(db: Kysely<ReadModelDatabase>, texts: readonly string[], matcher: ConfigMatcher, timeoutMs: number): Promise<number[][]> {
  if (texts.length === 0) return [];
  const line = sql<string>`l.line`;
  const rows = await withStatementTimeout(db, timeoutMs, async (trx) => (await sql<{ i: number; numbers: number[] }>`
    SELECT t.i::int AS i, array_agg(l.n::int ORDER BY l.n) AS numbers
      FROM unnest(${[...texts]}::text[]) WITH ORDINALITY AS t(doc, i)
      CROSS JOIN LATERAL regexp_split_to_table(${searchable(sql.ref('t.doc'))}, E'\\n') WITH ORDINALITY AS l(line, n)
     WHERE ${lineMatches(line, matcher)}
     GROUP BY t.i`.execute(trx)).rows);
  const numbers: number[][] = texts.map(() => []);
  for (const row of rows) numbers[row.i - 1] = row.numbers;
  return numbers;
}

export interface ConfigVersionRow {
  device_id: string;
  name: string;
  commit: string;
  recorded_at: Date;
}

/**
 * Every distinct stored version (device, commit) of the active devices in the filter, ordered by device (name, id),
 * newest first: what a history search walks, `offset` and `limit` bounding one request's share of it.
 */
export async function configVersions(
  db: Kysely<ReadModelDatabase>,
  filter: { tags?: readonly string[]; platforms?: readonly string[]; scope?: readonly string[]; offset: number; limit: number },
): Promise<ConfigVersionRow[]> {
  const filters: RawBuilder<boolean>[] = [sql<boolean>`d.status = 'active'`];
  if (filter.tags?.length) filters.push(sql<boolean>`exists (select 1 from device_tags t where t.device_id = d.id and t.tag = any(${[...filter.tags]}::text[]))`);
  if (filter.platforms?.length) filters.push(sql<boolean>`d.platform = any(${[...filter.platforms]}::text[])`);
  if (filter.scope?.length) filters.push(deviceInScope('d.id', filter.scope));
  const { rows } = await sql<ConfigVersionRow>`
    SELECT s.device_id, d.name, s.commit, min(s.recorded_at) AS recorded_at
      FROM snapshots s JOIN devices d ON d.id = s.device_id
     WHERE ${sql.join(filters, sql` AND `)}
     GROUP BY s.device_id, d.name, s.commit
     ORDER BY d.name, s.device_id, min(s.recorded_at) DESC, s.commit
     OFFSET ${filter.offset} LIMIT ${filter.limit}`.execute(db);
  return rows;
}
