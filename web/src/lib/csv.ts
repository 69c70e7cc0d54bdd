import type { ImportRow } from '../api/devices';

/** RFC 4180 records: quoted fields (with "" and newlines inside), CRLF or LF; each with the line it starts on. */
export function parseCsv(text: string): Array<{ fields: string[]; line: number }> {
  const records: Array<{ fields: string[]; line: number }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ fields, line: start });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ fields, line: start });
  return records;
}

const KEYS: Record<string, keyof ImportRow> = {
  name: 'name', host: 'host', address: 'host', ip: 'host', port: 'port', platform: 'platform', protocol: 'protocol',
  credential: 'credential', credentialid: 'credentialId', credential_id: 'credentialId', tags: 'tags',
};

/**
 * An inventory CSV as the CLI reads it: a header row (name,host,port,platform,credential,tags; also protocol,
 * credentialId), tags separated by `;` or `|`. A port that is not a number is left out so the server reports it.
 */
export function inventoryRows(text: string): { rows: ImportRow[]; faults: Array<{ line: number; reason: string }> } {
  const [header, ...records] = parseCsv(text);
  if (!header) return { rows: [], faults: [{ line: 1, reason: 'the file is empty' }] };
  const columns = header.fields.map((h) => KEYS[h.trim().toLowerCase()]);
  const faults: Array<{ line: number; reason: string }> = [];
  header.fields.forEach((h, i) => {
    if (!columns[i]) faults.push({ line: header.line, reason: `unknown column "${h.trim()}"` });
  });
  const rows = records.map(({ fields, line }) => {
    const row: ImportRow = { line };
    fields.forEach((raw, i) => {
      const key = columns[i];
      const value = raw.trim();
      if (!key || value === '') return;
      if (key === 'tags') row.tags = value.split(/[;|]/).map((t) => t.trim()).filter(Boolean);
      else if (key === 'port') {
        if (/^\d+$/.test(value)) row.port = Number(value);
        else faults.push({ line, reason: `port "${value}" is not a number` });
      } else (row as unknown as Record<string, string>)[key] = value;
    });
    return row;
  });
  return { rows, faults };
}
