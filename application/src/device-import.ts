import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  deviceDecider,
  NameTakenError,
  normalizeName,
  normalizeTags,
  validateRegisterDevice,
  validateUpdateDevice,
  ValidationError,
  type DeviceProperties,
  type DeviceProtocol,
  type RegisterDevice,
} from '@netraven/domain';
import { comparePositions, newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';
import { activeDevicesNamed, devicesProjector, listCredentials, waitUntilCaughtUp, type DeviceRow, type ReadModelDatabase } from '@netraven/projections';
import type { UniqueNames } from './unique-names.js';
import { actorLabel, type Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { seesTags } from './access/scope.js';

/** The most rows one `importDevices` request may carry. */
export const IMPORT_MAX_ROWS = 100_000;
/** Name releases in flight at once when an import gives its names back. */
const WRITE_CONCURRENCY = 32;
/** Rows per multi-stream write: one round trip and one transaction each. */
const WRITE_CHUNK = 1000;

/** One inventory row: like `registerDevice`'s input, every field optional so that a missing one is a per-row error. */
export interface ImportDeviceRow {
  readonly name?: string | null;
  readonly host?: string | null;
  readonly port?: number | null;
  readonly platform?: string | null;
  readonly protocol?: string | null;
  /** The credential by id, or by `credential` name (one of the two). */
  readonly credentialId?: string | null;
  readonly credential?: string | null;
  readonly tags?: readonly string[] | null;
  /** Where the row came from (a file's line), echoed in its errors; the server does not interpret it. */
  readonly line?: number | null;
}

/** `row` is the 0-based index in the request's `devices`, `line` the row's own `line`; `field` the input field at fault (null: the row as a whole). */
export interface ImportRowError { readonly row: number; readonly line: number | null; readonly field: string | null; readonly reason: string }
export type ImportOutcome = 'IMPORTED' | 'UNCHANGED';
/** `id` is null for a row a dry run would register. */
export interface ImportedDevice { readonly row: number; readonly id: string | null; readonly name: string; readonly outcome: ImportOutcome }

export interface ImportDevicesResult {
  readonly dryRun: boolean;
  /** Devices registered (a dry run: that would be). */
  readonly imported: number;
  /** Rows equal to a device already in the inventory (same name and properties): nothing to do. */
  readonly unchanged: number;
  /** Rows with at least one error; when any, nothing was imported. */
  readonly refused: number;
  readonly errors: readonly ImportRowError[];
  readonly devices: readonly ImportedDevice[];
}

export interface DeviceImportDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly knownPlatforms: readonly string[];
  readonly names: UniqueNames;
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
}

interface Candidate { readonly row: number; readonly line: number | null; readonly data: RegisterDevice['data'] & { protocol: DeviceProtocol } }

/**
 * The bulk path of `registerDevice`: every row is checked first (the domain's rules, platform,
 * credential, tag scope, duplicates in the request and against the inventory); a request with a
 * refused row appends nothing. Rows equal to an existing device are unchanged (so importing the
 * same file twice is harmless); a row whose name is taken by a device with other properties is a
 * conflict, never an update. Then every name is reserved (any reservation lost to a concurrent
 * writer gives the others back and refuses the import), the devices are registered concurrently,
 * and the read model is awaited once at the end.
 */
export class DeviceImport {
  constructor(private readonly deps: DeviceImportDependencies) {}

  async importDevices(actor: Actor, input: { devices: readonly ImportDeviceRow[]; dryRun?: boolean | null }): Promise<ImportDevicesResult> {
    authorize(actor, 'importDevices');
    const dryRun = input.dryRun ?? false;
    if (input.devices.length > IMPORT_MAX_ROWS)
      throw new ValidationError(`one import may hold at most ${IMPORT_MAX_ROWS} devices (got ${input.devices.length}); send it in parts`, 'devices');
    const errors: ImportRowError[] = [];
    const candidates = await this.checkRows(actor, input.devices, errors);
    const unchanged: ImportedDevice[] = [];
    const fresh = await this.againstInventory(actor, candidates, errors, unchanged);
    if (errors.length > 0) return refusedResult(dryRun, errors);
    if (dryRun) return result(true, [...fresh.map((c) => imported(c, null)), ...unchanged]);

    const lost = await this.reserveAll(actor, fresh);
    if (lost.length > 0) return refusedResult(false, lost);
    const last = await this.registerAll(actor, fresh);
    if (last) await waitUntilCaughtUp(this.deps.db, this.deps.store, devicesProjector, last, { timeoutMs: Math.max(this.deps.consistencyTimeoutMs ?? 10_000, fresh.length * 5) });
    return result(false, [...fresh.map((c) => imported(c, c.data.deviceId)), ...unchanged]);
  }

  /** The rules a row must meet on its own, every field checked (all of a row's faults are reported), and duplicates within the request. */
  private async checkRows(actor: Actor, rows: readonly ImportDeviceRow[], errors: ImportRowError[]): Promise<Candidate[]> {
    const credentials = await listCredentials(this.deps.db);
    const credentialIds = new Set(credentials.map((c) => c.id));
    const credentialByName = new Map(credentials.map((c) => [normalizeName(c.name), c.id]));
    const firstRowNamed = new Map<string, number>();
    const candidates: Candidate[] = [];
    rows.forEach((row, index) => {
      const before = errors.length;
      const refuse = (field: string | null, reason: string): void => void errors.push({ row: index, line: row.line ?? null, field, reason });
      const check = (field: string, run: () => unknown): void => {
        try {
          run();
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          refuse(error.field ?? field, error.message);
        }
      };
      // A blank required field is said once ("is required"), not again by the field's own rules.
      const missing = new Set<string>((['name', 'host', 'platform'] as const).filter((field) => row[field] == null || row[field]?.trim() === ''));
      for (const field of missing) refuse(field, `${field} is required`);
      const protocol = (row.protocol?.trim().toLowerCase() || 'ssh') as DeviceProtocol;
      const properties: Partial<DeviceProperties> = {
        ...(row.name != null ? { name: row.name } : {}), ...(row.host != null ? { host: row.host } : {}),
        port: row.port ?? 22, ...(row.platform != null ? { platform: row.platform } : {}), protocol,
      };
      for (const [key, value] of Object.entries(properties))
        if (!missing.has(key)) check(key, () => validateUpdateDevice({ deviceId: 'import', changes: { [key]: value } }));
      if (row.platform && !this.deps.knownPlatforms.includes(row.platform))
        refuse('platform', `unknown platform "${row.platform}"; known: ${this.deps.knownPlatforms.join(', ')}`);
      const credentialId = resolveCredential(row, credentialIds, credentialByName, refuse);
      let tags: string[] = [];
      check('tags', () => (tags = normalizeTags([...(row.tags ?? [])])));
      if (!seesTags(actor, tags)) refuse('tags', `a device you import must carry one of your tags (${actor.tags.join(', ')})`);
      if (row.name != null && row.name.trim() !== '') {
        const key = normalizeName(row.name);
        const first = firstRowNamed.get(key);
        const firstLine = first === undefined ? undefined : rows[first]?.line;
        if (first !== undefined)
          refuse('name', `duplicate: the name "${row.name}" is already used ${firstLine != null ? `on line ${firstLine}` : `by row ${first}`} of this import`);
        else firstRowNamed.set(key, index);
      }
      if (errors.length > before || credentialId === undefined) return;
      const data = { deviceId: randomUUID(), name: row.name ?? '', host: row.host ?? '', port: row.port ?? 22, platform: row.platform ?? '',
        credentialId, protocol, tags };
      check('name', () => validateRegisterDevice(data));
      if (errors.length === before) candidates.push({ row: index, line: row.line ?? null, data });
    });
    return candidates;
  }

  /** Splits the candidates into new devices and rows equal to an existing device; a name held by a different device is a conflict. */
  private async againstInventory(actor: Actor, candidates: readonly Candidate[], errors: ImportRowError[], unchanged: ImportedDevice[]): Promise<Candidate[]> {
    const existing = await activeDevicesNamed(this.deps.db, candidates.map((c) => normalizeName(c.data.name)));
    const byName = new Map<string, DeviceRow>();
    for (const device of existing) if (!byName.has(normalizeName(device.name))) byName.set(normalizeName(device.name), device);
    const fresh: Candidate[] = [];
    for (const candidate of candidates) {
      const device = byName.get(normalizeName(candidate.data.name));
      if (!device) {
        fresh.push(candidate);
        continue;
      }
      const differing = differences(candidate.data, device);
      if (differing.length === 0 && seesTags(actor, device.tags)) {
        unchanged.push({ row: candidate.row, id: device.id, name: device.name, outcome: 'UNCHANGED' });
      } else {
        const reason = seesTags(actor, device.tags)
          ? `the name "${candidate.data.name}" is taken by device ${device.id}, whose ${differing.join(', ')} differ; an import never changes a device (use updateDevice)`
          : `the name "${candidate.data.name}" is taken by a device outside your tag scope`;
        errors.push({ row: candidate.row, line: candidate.line, field: 'name', reason });
      }
    }
    errors.sort((a, b) => a.row - b.row);
    return fresh;
  }

  /** Reserves every name, a chunk per write; if any is lost, gives back the ones taken and reports the lost rows. */
  private async reserveAll(actor: Actor, fresh: readonly Candidate[]): Promise<ImportRowError[]> {
    const label = actorLabel(actor);
    const lost: ImportRowError[] = [];
    const taken: Candidate[] = [];
    for (const chunk of chunksOf(fresh, WRITE_CHUNK)) {
      const refusals = await this.deps.names.reserveMany('device', chunk.map((c) => ({ name: c.data.name, ownerId: c.data.deviceId })), label);
      chunk.forEach((c, i) => {
        const error = refusals[i];
        if (error === undefined) return void taken.push(c);
        const reason = error instanceof Error ? error.message : String(error);
        lost.push({ row: c.row, line: c.line, field: error instanceof NameTakenError ? 'name' : null, reason });
      });
    }
    if (lost.length > 0) await this.releaseAll(label, taken);
    return lost;
  }

  private async releaseAll(label: string, candidates: readonly Candidate[]): Promise<void> {
    await mapLimit(candidates, WRITE_CONCURRENCY, (c) => this.deps.names.release('device', c.data.name, c.data.deviceId, label).catch(() => undefined));
  }

  /** Registers the devices a chunk per write; a refused registration gives every unregistered name back and fails the import. */
  private async registerAll(actor: Actor, fresh: readonly Candidate[]): Promise<Position | undefined> {
    const label = actorLabel(actor);
    let last: Position | undefined;
    for (const [index, chunk] of chunksOf(fresh, WRITE_CHUNK).entries()) {
      const outcomes = await this.deps.commands.handleAll(deviceDecider, chunk.map((c) => ({
        aggregateId: c.data.deviceId,
        command: { type: 'RegisterDevice' as const, data: c.data, metadata: newCommandMetadata({ actor: label, clock: this.deps.clock ?? systemClock }) },
      }))).catch(async (error: unknown) => {
        await this.releaseAll(label, fresh.slice(index * WRITE_CHUNK));
        throw error;
      });
      const refused = outcomes.findIndex((o) => !o.ok);
      if (refused >= 0) {
        await this.releaseAll(label, [...chunk.filter((_c, i) => !outcomes[i]!.ok), ...fresh.slice((index + 1) * WRITE_CHUNK)]);
        throw (outcomes[refused] as { error: unknown }).error;
      }
      for (const outcome of outcomes) {
        const position = outcome.ok ? outcome.result.position : undefined;
        if (position && (!last || comparePositions(position, last) > 0)) last = position;
      }
    }
    return last;
  }
}

function resolveCredential(
  row: ImportDeviceRow, ids: ReadonlySet<string>, byName: ReadonlyMap<string, string>, refuse: (field: string, reason: string) => void,
): string | undefined {
  if (row.credentialId != null && row.credentialId !== '') {
    if (ids.has(row.credentialId)) return row.credentialId;
    refuse('credentialId', `credential ${row.credentialId} does not exist`);
    return undefined;
  }
  if (row.credential != null && row.credential.trim() !== '') {
    const id = byName.get(normalizeName(row.credential));
    if (id === undefined) refuse('credential', `no credential is named "${row.credential}"`);
    return id;
  }
  refuse('credential', 'credential (a name) or credentialId is required');
  return undefined;
}

/** Which of the row's properties differ from the device's (tags compared as sets). */
function differences(data: Candidate['data'], device: DeviceRow): string[] {
  const fields: string[] = [];
  if (data.name !== device.name) fields.push('name');
  if (data.host !== device.host) fields.push('host');
  if (data.port !== device.port) fields.push('port');
  if (data.platform !== device.platform) fields.push('platform');
  if (data.protocol !== device.protocol) fields.push('protocol');
  if (data.credentialId !== device.credential_id) fields.push('credential');
  if ([...device.tags].sort().join('\n') !== data.tags.join('\n')) fields.push('tags');
  return fields;
}

const imported = (c: Candidate, id: string | null): ImportedDevice => ({ row: c.row, id, name: c.data.name, outcome: 'IMPORTED' });

function result(dryRun: boolean, devices: ImportedDevice[]): ImportDevicesResult {
  devices.sort((a, b) => a.row - b.row);
  const imports = devices.filter((d) => d.outcome === 'IMPORTED').length;
  return { dryRun, imported: imports, unchanged: devices.length - imports, refused: 0, errors: [], devices };
}

function refusedResult(dryRun: boolean, errors: readonly ImportRowError[]): ImportDevicesResult {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return { dryRun, imported: 0, unchanged: 0, refused: new Set(sorted.map((e) => e.row)).size, errors: sorted, devices: [] };
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** `work` over `items` with at most `limit` in flight; results in the items' order. A failure is thrown once all have settled. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
  return results;
}
