import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import type { DeviceSummary } from '../api/devices';
import { refusal } from '../auth/session';
import { Guarded, QueryState, StatusBadge } from '../components/states';
import { VirtualRows } from '../components/virtual-rows';
import { BulkActions } from '../components/bulk-actions';
import { ImportDevices } from '../components/import-devices';
import { DeviceForm } from '../components/device-form';
import { ago } from '../lib/format';
import { createAllDevices } from '../lib/all-devices';

type Health = '' | 'ok' | 'failed' | 'never';
const health = (d: DeviceSummary): Health => (d.lastBackupStatus === 'SUCCEEDED' ? 'ok' : d.lastBackupStatus === 'FAILED' ? 'failed' : 'never');

export default function DevicesPage(): JSX.Element {
  const [result, reexecute] = createAllDevices();
  const devices = () => result().devices;
  const [search, setSearch] = createSignal('');
  const [params] = useSearchParams();
  // `/devices?tag=core` (the Tags page's links) opens the table filtered to that tag.
  const [tag, setTag] = createSignal(typeof params['tag'] === 'string' ? params['tag'] : '');
  const [platform, setPlatform] = createSignal('');
  const [status, setStatus] = createSignal<Health>('');
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [importing, setImporting] = createSignal(false);
  const [adding, setAdding] = createSignal(false);
  const navigate = useNavigate();

  const tags = createMemo(() => [...new Set(devices().flatMap((d) => d.tags))].sort());
  const platforms = createMemo(() => [...new Set(devices().map((d) => d.platform))].sort());
  const shown = createMemo(() => {
    const text = search().trim().toLowerCase();
    return devices().filter((d) =>
      (!text || d.name.toLowerCase().includes(text) || d.host.includes(text)) &&
      (!tag() || d.tags.includes(tag())) && (!platform() || d.platform === platform()) && (!status() || health(d) === status()));
  });
  const toggle = (id: string) => {
    const next = new Set(selected());
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const allShownSelected = () => shown().length > 0 && shown().every((d) => selected().has(d.id));
  const toggleAll = () => setSelected(allShownSelected() ? new Set<string>() : new Set(shown().map((d) => d.id)));
  const refresh = () => reexecute();

  return (
    <section aria-labelledby="devices-title">
      <div class="page-head">
        <h1 id="devices-title">Devices</h1>
        <Guarded reason={refusal('OPERATOR')}>
          <div class="actions">
            <button type="button" onClick={() => setAdding(!adding())} aria-expanded={adding()}>Add device</button>
            <button type="button" onClick={() => setImporting(!importing())} aria-expanded={importing()}>Import from CSV</button>
          </div>
        </Guarded>
      </div>
      <Show when={adding()}>
        <DeviceForm platforms={platforms()} onSaved={(id) => navigate(`/devices/${encodeURIComponent(id)}`)} onClose={() => setAdding(false)} />
      </Show>
      <Show when={importing()}>
        <ImportDevices onDone={refresh} onClose={() => setImporting(false)} />
      </Show>
      <div class="filters" role="search">
        <label>Search<input type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="name or address" /></label>
        <label>Tag<select value={tag()} onChange={(e) => setTag(e.currentTarget.value)}><option value="">any</option><For each={tags()}>{(t) => <option selected={t === tag()}>{t}</option>}</For></select></label>
        <label>Platform<select value={platform()} onChange={(e) => setPlatform(e.currentTarget.value)}><option value="">any</option><For each={platforms()}>{(p) => <option>{p}</option>}</For></select></label>
        <label>Backup<select value={status()} onChange={(e) => setStatus(e.currentTarget.value as Health)}>
          <option value="">any</option><option value="ok">ok</option><option value="failed">failed</option><option value="never">never</option>
        </select></label>
        <span class="muted" role="status">{shown().length} of {devices().length} devices</span>
      </div>
      <BulkActions selected={[...selected()]} onChanged={refresh} onClear={() => setSelected(new Set<string>())} />
      <QueryState fetching={result().fetching} error={result().error} empty={devices().length === 0} emptyText="No devices yet: import a CSV or start with --lab.">
        <VirtualRows items={shown()} rowHeight={36} height={Math.max(200, Math.min(shown().length * 36, 560))} label="Devices"
          header={
            <div class="vrow drow" role="row">
              <span role="columnheader"><input type="checkbox" aria-label="Select all shown devices" checked={allShownSelected()} onChange={toggleAll} /></span>
              <span role="columnheader">Name</span><span role="columnheader">Address</span><span role="columnheader">Platform</span>
              <span role="columnheader">Tags</span><span role="columnheader">Last backup</span><span role="columnheader">When</span>
            </div>
          }
          row={(d) => (
            <div class="drow">
              <span role="cell"><input type="checkbox" aria-label={`Select ${d.name}`} checked={selected().has(d.id)} onChange={() => toggle(d.id)} /></span>
              <span role="cell"><A href={`/devices/${encodeURIComponent(d.id)}`}>{d.name}</A></span>
              <span role="cell">{d.host}:{d.port}</span>
              <span role="cell">{d.platform}</span>
              <span role="cell" class="tags">{d.tags.join(', ')}</span>
              <span role="cell"><StatusBadge status={d.lastBackupStatus} /></span>
              <span role="cell">{ago(d.lastBackupAt)}</span>
            </div>
          )} />
      </QueryState>
    </section>
  );
}
