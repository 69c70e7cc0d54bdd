import { createSignal, For, Show, type JSX } from 'solid-js';
import { useClient } from '@urql/solid';
import { IMPORT_DEVICES, type ImportDevicesData, type ImportResult, type ImportRow } from '../api/devices';
import { inventoryRows } from '../lib/csv';
import { errorText } from '../lib/format';
import { Progress } from './states';

const CHUNK = 1000;
interface RowError { line: number | null; field: string | null; reason: string }

/** CSV → preview → check (dry run, per-row errors) → import in chunks with a progress bar. */
export function ImportDevices(props: { onDone: () => void; onClose: () => void }): JSX.Element {
  const client = useClient();
  const [rows, setRows] = createSignal<ImportRow[]>([]);
  const [errors, setErrors] = createSignal<RowError[]>([]);
  const [checked, setChecked] = createSignal(false);
  const [progress, setProgress] = createSignal<number | null>(null);
  const [summary, setSummary] = createSignal('');

  const load = (text: string) => {
    const parsed = inventoryRows(text);
    setRows(parsed.rows);
    setErrors(parsed.faults.map((f) => ({ line: f.line, field: null, reason: f.reason })));
    setChecked(false);
    setSummary('');
  };
  const onFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) load(await file.text());
  };

  /** Sends every chunk (dry run or not); stops at the first refused chunk. */
  const send = async (dryRun: boolean): Promise<ImportResult[] | undefined> => {
    const all = rows();
    const results: ImportResult[] = [];
    setProgress(0);
    for (let at = 0; at < all.length; at += CHUNK) {
      const devices = all.slice(at, at + CHUNK);
      const result = await client.mutation<ImportDevicesData>(IMPORT_DEVICES, { input: { devices, dryRun } }).toPromise();
      if (!result.data) {
        setErrors([{ line: null, field: null, reason: errorText(result.error) }]);
        setProgress(null);
        return undefined;
      }
      const answer = result.data.importDevices;
      if (answer.errors.length > 0) {
        setErrors(answer.errors.map((e) => ({ line: e.line ?? devices[e.row]?.line ?? null, field: e.field, reason: e.reason })));
        setProgress(null);
        return undefined;
      }
      results.push(answer);
      setProgress(Math.round((Math.min(at + CHUNK, all.length) / all.length) * 100));
    }
    return results;
  };
  const check = async () => {
    setErrors([]);
    const results = await send(true);
    if (!results) return;
    setChecked(true);
    const count = (key: 'imported' | 'unchanged') => results.reduce((n, r) => n + r[key], 0);
    setSummary(`Check passed: ${count('imported')} new, ${count('unchanged')} unchanged.`);
  };
  const run = async () => {
    const results = await send(false);
    if (!results) return;
    const imported = results.reduce((n, r) => n + r.imported, 0);
    const unchanged = results.reduce((n, r) => n + r.unchanged, 0);
    setSummary(`Imported ${imported} devices (${unchanged} unchanged).`);
    setChecked(false);
    props.onDone();
  };

  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">Import devices from CSV</h2>
      <p class="muted small">Columns: name, host, port, platform, credential (name) or credentialId, tags (separated by ; or |), protocol.</p>
      <label>CSV file<input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} /></label>
      <label>or paste CSV<textarea rows="5" onInput={(e) => load(e.currentTarget.value)} /></label>
      <Show when={rows().length > 0}>
        <table class="table">
          <caption>Preview: {rows().length} rows{rows().length > 50 ? ' (first 50 shown)' : ''}</caption>
          <thead><tr><th>Line</th><th>Name</th><th>Host</th><th>Port</th><th>Platform</th><th>Credential</th><th>Tags</th></tr></thead>
          <tbody>
            <For each={rows().slice(0, 50)}>
              {(r) => <tr><td>{r.line}</td><td>{r.name}</td><td>{r.host}</td><td>{r.port ?? 22}</td><td>{r.platform}</td><td>{r.credential ?? r.credentialId}</td><td>{r.tags?.join(', ')}</td></tr>}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={errors().length > 0}>
        <div role="alert">
          <h3>Nothing was imported: {errors().length} row errors</h3>
          <ul class="errors">
            <For each={errors()}>{(e) => <li>{e.line !== null ? `Line ${e.line}` : 'Import'}{e.field ? ` (${e.field})` : ''}: {e.reason}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={progress() !== null}><Progress value={progress() ?? 0} label="Import progress" /></Show>
      <Show when={summary()}><p role="status">{summary()}</p></Show>
      <div class="actions">
        <button type="button" disabled={rows().length === 0} onClick={() => void check()}>Check</button>
        <button type="button" disabled={!checked()} onClick={() => void run()}>Import</button>
        <button type="button" class="ghost" onClick={() => props.onClose()}>Close</button>
      </div>
    </section>
  );
}
