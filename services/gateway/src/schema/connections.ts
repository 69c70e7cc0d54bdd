import { ValidationError } from '@netraven/domain';
import { NEVER, type KeysetCursor, type KeysetPage } from '@netraven/projections';
import type { PageSize } from '../hardening/page-size.js';

/** The default and largest page of each connection; asking for more is refused (BAD_USER_INPUT), never silently cut. */
export const CONNECTION_SIZES = {
  devices: { default: 100, max: 1000 },
  jobs: { default: 100, max: 1000 },
  jobDevices: { default: 100, max: 1000 },
  snapshots: { default: 100, max: 1000 },
  schedules: { default: 100, max: 1000 },
  users: { default: 100, max: 1000 },
} as const;

/** The relay arguments, plus `limit`: the old name of `first`, kept so existing scripts still run. */
export interface ConnectionArgs {
  readonly first?: number | null | undefined;
  readonly last?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly before?: string | null | undefined;
  readonly limit?: number | null | undefined;
}

/** One list as a keyset connection: how to read a page of it, name a row's place in it, and count it. */
export interface KeysetList<Row> {
  /** Names the list and its order inside every cursor, so a cursor of another list or order is refused. */
  readonly tag: string;
  readonly size: PageSize;
  readonly timeKeyed: boolean;
  readonly cursorOf: (row: Row) => KeysetCursor;
  readonly fetch: (page: KeysetPage) => Promise<readonly Row[]>;
  readonly count: () => Promise<number>;
}

const MAX_CURSOR_LENGTH = 2048;

const encodeCursor = (tag: string, cursor: KeysetCursor): string =>
  Buffer.from(JSON.stringify([tag, cursor.key, cursor.id]), 'utf8').toString('base64url');

function decodeCursor(value: string, list: { tag: string; timeKeyed: boolean }, field: string): KeysetCursor {
  const refuse = (): never => {
    throw new ValidationError(`${field} is not a cursor of this list (use a cursor this list returned)`, field);
  };
  if (value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== list.tag) return refuse();
  const [, key, id] = parsed as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || key.includes('\u0000') || id.includes('\u0000')) return refuse();
  if (list.timeKeyed && key !== NEVER && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(key)) return refuse();
  return { key: key as string, id: id as string };
}

function pageCount(value: number | null | undefined, field: string, size: PageSize, least: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < least || value > size.max)
    throw new ValidationError(`${field} must be an integer from ${least} to ${size.max} (got ${value})`, field);
  return value;
}

export interface KeysetConnection<Row> {
  readonly edges: { cursor: string; node: Row }[];
  readonly pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
  readonly totalCount: () => Promise<number>;
}

/**
 * A page of `list` as a relay connection (`nodes` and `totalCount` are fields the builder adds to
 * every connection). One row more than asked is read to know whether another page follows.
 */
export async function keysetConnection<Row>(args: ConnectionArgs, list: KeysetList<Row>): Promise<KeysetConnection<Row>> {
  const limit = pageCount(args.limit, 'limit', list.size, 1);
  const first = pageCount(args.first, 'first', list.size, 0) ?? limit;
  const last = pageCount(args.last, 'last', list.size, 0);
  if (first !== undefined && last !== undefined) throw new ValidationError('give first or last, not both', 'last');
  const after = args.after ? decodeCursor(args.after, list, 'after') : undefined;
  const before = args.before ? decodeCursor(args.before, list, 'before') : undefined;
  const inverted = last !== undefined;
  const size = first ?? last ?? list.size.default;
  const rows = size === 0 ? [] : await list.fetch({ ...(after ? { after } : {}), ...(before ? { before } : {}), limit: size + 1, inverted });
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (inverted) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(list.tag, list.cursorOf(node)), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: inverted ? more : after !== undefined,
      hasNextPage: inverted ? before !== undefined : more,
    },
    totalCount: () => (counted ??= list.count()),
  };
}

/** Code-unit order of (key, id): the order of a list paged in memory. */
const byKey = (a: KeysetCursor, b: KeysetCursor): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * A short list (schedules, users: an administrator's handful) paged in memory with the same keyset
 * cursors, so clients page it exactly as they page devices and jobs.
 */
export function inMemoryList<Row>(tag: string, size: PageSize, cursorOf: (row: Row) => KeysetCursor, rows: () => Promise<readonly Row[]>): KeysetList<Row> {
  let loaded: Promise<Row[]> | undefined;
  const sorted = () => (loaded ??= rows().then((all) => [...all].sort((a, b) => byKey(cursorOf(a), cursorOf(b)))));
  return {
    tag, size, timeKeyed: false, cursorOf,
    fetch: async (page) => {
      const inRange = (await sorted()).filter((row) => {
        const at = cursorOf(row);
        return (!page.after || byKey(at, page.after) > 0) && (!page.before || byKey(at, page.before) < 0);
      });
      return (page.inverted ? inRange.reverse() : inRange).slice(0, page.limit);
    },
    count: async () => (await sorted()).length,
  };
}
