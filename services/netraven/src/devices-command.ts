import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseInventory, type InventoryRow, type RowFault } from './inventory-file.js';
import { ApiError, NetRavenApi, Progress } from './api-client.js';

const USAGE = 'Usage: netraven devices import <file.csv|file.json> [--dry-run] [--url URL] [--chunk-size N]   (NETRAVEN_TOKEN: the bearer token)';

const IMPORT = `mutation($input: ImportDevicesInput!) { importDevices(input: $input) {
  imported unchanged refused errors { row line field reason } } }`;

interface ChunkResult { imported: number; unchanged: number; refused: number; errors: Array<{ row: number; line: number | null; field: string | null; reason: string }> }

export async function devicesCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'import') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, url: { type: 'string' }, 'chunk-size': { type: 'string', default: '1000' } },
  });
  const file = positionals[0];
  const chunkSize = Number(values['chunk-size']);
  if (!file || positionals.length > 1 || !Number.isInteger(chunkSize) || chunkSize < 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await importFile(NetRavenApi.fromEnvironment(values.url), file, values['dry-run'] ?? false, chunkSize);
  } catch (error) {
    console.error(error instanceof ApiError || error instanceof SyntaxError ? error.message : error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}

/**
 * The whole file is checked first (a dry run, chunk by chunk, plus the file's own faults), and
 * only a file without a refused row is imported: nothing is half-imported because of a bad row.
 * Exit codes: 0 imported (or would be), 1 rows refused, 2 the file or NetRaven could not be used.
 */
async function importFile(api: NetRavenApi, file: string, dryRun: boolean, chunkSize: number): Promise<number> {
  const { rows, faults } = parseInventory(file, await readFile(file, 'utf8'));
  const chunks = Array.from({ length: Math.ceil(rows.length / chunkSize) }, (_v, i) => rows.slice(i * chunkSize, (i + 1) * chunkSize));

  const check = await sendAll(api, chunks, true, rows.length, 'checking');
  // A name used twice within one chunk is found by the file check and by NetRaven: report it once.
  const foundInFile = new Set(faults.map((f) => `${f.line}:${f.field}`));
  const refused = [...faults, ...check.faults.filter((f) => !foundInFile.has(`${f.line}:${f.field}`))];
  if (refused.length > 0) {
    printFaults(refused);
    console.error(`${new Set(refused.map((f) => f.line)).size} of ${rows.length} rows refused; nothing was imported`);
    return 1;
  }
  if (dryRun) {
    console.log(`dry run: ${check.imported} devices would be imported, ${check.unchanged} unchanged (${rows.length} rows)`);
    return 0;
  }
  const done = await sendAll(api, chunks, false, rows.length, 'importing');
  if (done.faults.length > 0) {
    // Only a concurrent change between the check and the import gets here (a name taken meanwhile).
    printFaults(done.faults);
    console.error(`rows refused during the import (${done.imported} imported before); run the import again to finish it`);
    return 1;
  }
  console.log(`imported ${done.imported} devices, ${done.unchanged} unchanged (${rows.length} rows)`);
  return 0;
}

async function sendAll(api: NetRavenApi, chunks: InventoryRow[][], dryRun: boolean, total: number, label: string):
  Promise<{ imported: number; unchanged: number; faults: RowFault[] }> {
  const progress = new Progress(label, total);
  const sum = { imported: 0, unchanged: 0, faults: [] as RowFault[] };
  let sent = 0;
  progress.update(0);
  for (const chunk of chunks) {
    const { importDevices } = await api.request<{ importDevices: ChunkResult }>(IMPORT, { input: { devices: chunk, dryRun } });
    sum.imported += importDevices.imported;
    sum.unchanged += importDevices.unchanged;
    for (const e of importDevices.errors) sum.faults.push({ line: e.line ?? chunk[e.row]?.line ?? 0, field: e.field, reason: e.reason });
    sent += chunk.length;
    progress.update(sent);
    // Stop at the first refused chunk of a real import: later chunks stay unwritten.
    if (!dryRun && importDevices.errors.length > 0) break;
  }
  return sum;
}

function printFaults(faults: readonly RowFault[]): void {
  const sorted = [...faults].sort((a, b) => a.line - b.line);
  for (const f of sorted) console.error(`line ${f.line}${f.field ? `, field ${f.field}` : ''}: ${f.reason}`);
}
