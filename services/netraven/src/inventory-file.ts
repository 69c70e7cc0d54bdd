import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { normalizeName } from '@netraven/domain';

/** One device row as `importDevices` takes it, with the file line it starts on. */
export interface InventoryRow {
  name?: string;
  host?: string;
  port?: number;
  platform?: string;
  protocol?: string;
  credential?: string;
  credentialId?: string;
  tags?: string[];
  line: number;
}

/** A fault found in the file itself (before NetRaven sees it). */
export interface RowFault { line: number; field: string | null; reason: string }

export interface InventoryFile { rows: InventoryRow[]; faults: RowFault[] }

const FIELDS = ['name', 'host', 'port', 'platform', 'protocol', 'credential', 'credentialId', 'tags'] as const;

/**
 * Reads an inventory: CSV with a header row (name,host,port,platform,credential,tags; also protocol,
 * credentialId; tags separated by `;` or `|`) or JSON (an array of objects with the same keys, tags
 * as a list or a separated string). Each row keeps the line it starts on; a port that is not a
 * number and a name used twice are faults of the file.
 */
export function parseInventory(path: string, text: string): InventoryFile {
  const json = extname(path).toLowerCase() === '.json' || /^\s*\[/.test(text);
  const faults: RowFault[] = [];
  const rows = (json ? jsonRecords(text) : csvRecords(text)).map(({ record, line }) => toRow(record, line, faults));
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (!row.name?.trim()) continue;
    const key = normalizeName(row.name);
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, row.line);
    else faults.push({ line: row.line, field: 'name', reason: `duplicate: the name "${row.name}" is already used on line ${first}` });
  }
  return { rows, faults };
}

function csvRecords(text: string): Array<{ record: Record<string, unknown>; line: number }> {
  const parsed = parse(text, {
    columns: (header: string[]) => header.map((h) => canonicalKey(h)),
    bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true,
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  // `info.lines` is the line a record ends on; a record spans as many lines as its quoted newlines.
  return parsed.map(({ record, info }) => ({
    record,
    line: info.lines - Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0),
  }));
}

function jsonRecords(text: string): Array<{ record: Record<string, unknown>; line: number }> {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('a JSON inventory must be an array of device objects');
  const lines = objectStartLines(text);
  return data.map((item: unknown, index) => {
    const record = item !== null && typeof item === 'object' && !Array.isArray(item) ? item as Record<string, unknown> : {};
    return { record: Object.fromEntries(Object.entries(record).map(([k, v]) => [canonicalKey(k), v])), line: lines[index] ?? index + 1 };
  });
}

/** The line each element of the top-level JSON array starts on. */
function objectStartLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(ch) && ch !== ']') {
      starts.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return starts;
}

function canonicalKey(key: string): string {
  const k = key.trim().toLowerCase().replace(/[\s_-]/g, '');
  return k === 'credentialid' ? 'credentialId' : k;
}

function toRow(record: Record<string, unknown>, line: number, faults: RowFault[]): InventoryRow {
  const row: InventoryRow = { line };
  const text = (value: unknown): string | undefined =>
    value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  for (const field of FIELDS) {
    const value = record[field];
    if (field === 'tags') {
      const tags = Array.isArray(value) ? value.map(String) : (text(value)?.split(/[;|]/) ?? []);
      const cleaned = tags.map((t) => t.trim()).filter((t) => t !== '');
      if (cleaned.length > 0) row.tags = cleaned;
    } else if (field === 'port') {
      const port = text(value);
      if (port === undefined) continue;
      if (/^\d+$/.test(port) && Number(port) <= 0x7fffffff) row.port = Number(port);
      else faults.push({ line, field: 'port', reason: `port must be a number from 1 to 65535 (got "${port}")` });
    } else {
      const v = text(value);
      if (v !== undefined) row[field] = v;
    }
  }
  return row;
}
