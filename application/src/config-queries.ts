import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '@netraven/domain';
import { deviceConfigPath } from '@netraven/infra/git';
import {
  checkRegex, configVersions, devicesByIds, findDevice, matchingLines, previousVersion, searchLatestConfigs, snapshotAt, snapshotWithCommit,
  type ConfigTexts, type DeviceRow, type ReadModelDatabase, type SnapshotRow,
} from '@netraven/projections';
import type { Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { scopeOf, seesTags } from './access/scope.js';
import { diffTexts, type TextDiff } from './configs/config-diff.js';
import { checkSearchInput, encodeCursor, linesWithContext, type CheckedSearch, type ConfigSearchInput, type ShownLine } from './configs/config-search-input.js';

/** One side of a diff: a stored version of a device, named by the commit that holds it. */
export interface ConfigRef {
  readonly deviceId: string;
  readonly commit: string;
}

/** A stored version with its device's platform (what the API's `Snapshot` carries). */
export type ConfigVersion = SnapshotRow & { readonly platform: string };

export interface ConfigDiff extends TextDiff {
  readonly from: ConfigVersion;
  readonly to: ConfigVersion;
}

export interface ConfigSearchNode {
  readonly device: DeviceRow;
  readonly commit: string;
  readonly recordedAt: Date;
  readonly lines: readonly ShownLine[];
  readonly cursor: string;
}

export interface ConfigSearchPage {
  readonly nodes: readonly ConfigSearchNode[];
  readonly hasNextPage: boolean;
  /** Where the next page starts; a history page that scanned its share of versions may end here with few or no nodes. */
  readonly endCursor: string | null;
}

export interface ConfigQueryOptions {
  /** Longest a search statement may run (regex included): a catastrophic expression is stopped, not served. */
  readonly searchTimeoutMs?: number;
  /** Versions one history-search request reads from Git at most. */
  readonly historyScanLimit?: number;
}

export const CONFIG_DIFF_CONTEXT = { default: 3, max: 100 } as const;
const HISTORY_CHUNK = 25;

/**
 * Configs as stored (issue 17): a device's config at a time, the diff of any two stored versions, and search over
 * the latest configs (the `config_search` read model) or every version (Git, bounded). Texts are read from Git by
 * commit: the snapshots read model names each version's commit, so no history walk is on the request path.
 */
export class ConfigQueries {
  private readonly searchTimeoutMs: number;
  private readonly historyScanLimit: number;

  constructor(private readonly db: Kysely<ReadModelDatabase>, private readonly texts: ConfigTexts, options: ConfigQueryOptions = {}) {
    this.searchTimeoutMs = options.searchTimeoutMs ?? 5000;
    this.historyScanLimit = options.historyScanLimit ?? 500;
  }

  /** The snapshot in force at `at` (the latest recorded at or before it); undefined when the device had none yet. */
  async configAt(actor: Actor, device: DeviceRow, at: Date): Promise<SnapshotRow | undefined> {
    authorize(actor, 'configAt');
    this.requireSeen(actor, device, 'id');
    if (Number.isNaN(at.getTime())) throw new ValidationError('at must be a valid time', 'at');
    return snapshotAt(this.db, device.id, at);
  }

  async configDiff(actor: Actor, from: ConfigRef, to: ConfigRef, context: number = CONFIG_DIFF_CONTEXT.default): Promise<ConfigDiff> {
    authorize(actor, 'configDiff');
    const lines = checkContext(context);
    const [older, newer] = await Promise.all([this.version(actor, from, 'from'), this.version(actor, to, 'to')]);
    return this.diffOf(older, newer, lines);
  }

  /**
   * A snapshot against another version of its device (`against`, a commit), or against the version stored before it;
   * undefined when there is none before it.
   */
  async snapshotDiff(actor: Actor, snapshot: ConfigVersion, against: string | undefined, context: number = CONFIG_DIFF_CONTEXT.default): Promise<ConfigDiff | undefined> {
    authorize(actor, 'configDiff');
    const lines = checkContext(context);
    const previous = against === undefined ? await previousVersion(this.db, snapshot) : undefined;
    const base = against === undefined
      ? previous && { ...previous, platform: snapshot.platform }
      : await this.version(actor, { deviceId: snapshot.device_id, commit: against }, 'against');
    return base ? this.diffOf(base, snapshot, lines) : undefined;
  }

  async searchConfigs(actor: Actor, input: ConfigSearchInput): Promise<ConfigSearchPage> {
    authorize(actor, 'searchConfigs');
    const search = checkSearchInput(input);
    return this.failingAsInput(async () => {
      if (search.matcher.kind === 'regex') await checkRegex(this.db, search.matcher.value, this.searchTimeoutMs);
      return search.history ? this.searchHistory(actor, search) : this.searchLatest(actor, search);
    });
  }

  private async searchLatest(actor: Actor, search: CheckedSearch): Promise<ConfigSearchPage> {
    const after = search.after?.mode === 'latest' ? { name: search.after.name, id: search.after.id } : undefined;
    const scope = scopeOf(actor);
    const hits = await searchLatestConfigs(this.db, {
      matcher: search.matcher, tags: search.tags, platforms: search.platforms, ...(scope ? { scope } : {}), ...(after ? { after } : {}),
      limit: search.first + 1, timeoutMs: this.searchTimeoutMs,
    });
    const page = hits.slice(0, search.first);
    const devices = await devicesByIds(this.db, page.map((h) => h.device_id));
    const nodes = page.flatMap((hit) => {
      const device = devices.get(hit.device_id);
      return device ? [{
        device, commit: hit.commit, recordedAt: hit.recorded_at, lines: linesWithContext(hit.config, hit.numbers, search.context),
        cursor: encodeCursor({ mode: 'latest', name: hit.name, id: hit.device_id }),
      }] : [];
    });
    return { nodes, hasNextPage: hits.length > search.first, endCursor: nodes.at(-1)?.cursor ?? null };
  }

  /** Walks at most `historyScanLimit` versions from the cursor; texts come from Git, lines are matched in PostgreSQL. */
  private async searchHistory(actor: Actor, search: CheckedSearch): Promise<ConfigSearchPage> {
    const start = search.after?.mode === 'history' ? search.after.offset : 0;
    const scope = scopeOf(actor);
    const versions = await configVersions(this.db, {
      tags: search.tags, platforms: search.platforms, ...(scope ? { scope } : {}), offset: start, limit: this.historyScanLimit + 1,
    });
    const window = versions.slice(0, this.historyScanLimit);
    const found: { index: number; config: string; numbers: number[] }[] = [];
    for (let at = 0; at < window.length && found.length < search.first; at += HISTORY_CHUNK) {
      const chunk = window.slice(at, at + HISTORY_CHUNK);
      const texts = await Promise.all(chunk.map((v) => this.texts.configAt(v.device_id, v.commit)));
      const numbers = await matchingLines(this.db, texts.map((t) => t ?? ''), search.matcher, this.searchTimeoutMs);
      chunk.forEach((_, i) => {
        const lines = numbers[i] ?? [];
        if (lines.length > 0 && found.length < search.first) found.push({ index: at + i, config: texts[i] ?? '', numbers: lines });
      });
    }
    const devices = await devicesByIds(this.db, found.map((f) => window[f.index]?.device_id ?? ''));
    const nodes = found.flatMap(({ index, config, numbers }) => {
      const version = window[index];
      const device = version && devices.get(version.device_id);
      return version && device ? [{
        device, commit: version.commit, recordedAt: version.recorded_at, lines: linesWithContext(config, numbers, search.context),
        cursor: encodeCursor({ mode: 'history', offset: start + index + 1 }),
      }] : [];
    });
    const full = found.length >= search.first;
    const scanned = full ? (found.at(-1)?.index ?? 0) + 1 : window.length;
    const hasNextPage = scanned < versions.length;
    return { nodes, hasNextPage, endCursor: scanned > 0 ? encodeCursor({ mode: 'history', offset: start + scanned }) : search.after ? encodeCursor(search.after) : null };
  }

  private async diffOf(from: ConfigVersion, to: ConfigVersion, context: number): Promise<ConfigDiff> {
    const [oldText, newText] = await Promise.all([this.textOf(from, 'from'), this.textOf(to, 'to')]);
    const paths = { oldPath: deviceConfigPath(from.device_id), newPath: deviceConfigPath(to.device_id) };
    return { from, to, ...diffTexts(oldText, newText, paths, context) };
  }

  /** A stored version of a visible device: an unknown device or commit, or another device's commit, is not found. */
  private async version(actor: Actor, ref: ConfigRef, field: string): Promise<ConfigVersion> {
    const idField = field === 'against' ? 'against' : `${field}.deviceId`;
    const commitField = field === 'against' ? 'against' : `${field}.commit`;
    const device = await findDevice(this.db, ref.deviceId);
    this.requireSeen(actor, device, idField, ref.deviceId);
    if (!/^[0-9a-f]{40}$/.test(ref.commit)) throw new ValidationError(`${commitField} must be a full lowercase commit id (40 hex digits)`, commitField);
    const snapshot = await snapshotWithCommit(this.db, ref.deviceId, ref.commit);
    if (!snapshot) throw new NotFoundError(`commit ${ref.commit} is not a stored version of device ${ref.deviceId}`, commitField);
    return { ...snapshot, platform: device.platform };
  }

  private async textOf(snapshot: SnapshotRow, field: string): Promise<string> {
    const text = await this.texts.configAt(snapshot.device_id, snapshot.commit);
    if (text === null) throw new NotFoundError(`the config repository has no config of device ${snapshot.device_id} at ${snapshot.commit}`, `${field}.commit`);
    return text;
  }

  private requireSeen(actor: Actor, device: DeviceRow | undefined, field: string, id = device?.id): asserts device is DeviceRow {
    if (!device || !seesTags(actor, device.tags)) throw new NotFoundError(`device ${id ?? ''} not found`, field);
  }

  /** PostgreSQL's verdict on the expression (invalid, too complex, too slow) is the caller's input problem. */
  private async failingAsInput<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : String(error);
      if (code === '2201B') throw new ValidationError(`query is not a valid regular expression: ${message}`, 'query');
      if (code === '54001' || code === '54000') throw new ValidationError(`query is too complex: ${message}`, 'query');
      if (code === '57014') throw new ValidationError(`the search took longer than ${this.searchTimeoutMs} ms; make the query more specific`, 'query');
      throw error;
    }
  }
}

function checkContext(context: number): number {
  if (!Number.isInteger(context) || context < 0 || context > CONFIG_DIFF_CONTEXT.max)
    throw new ValidationError(`context must be an integer from 0 to ${CONFIG_DIFF_CONTEXT.max} (got ${context})`, 'context');
  return context;
}
