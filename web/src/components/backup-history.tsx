import { createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import type { SnapshotSummary } from '../api/devices';
import { formatTime } from '../lib/format';
import { ConfigDiffView } from './config-diff';

/** A device's backups, newest first: view one, diff one against the version before it, or compare any two. */
export function BackupHistory(props: { deviceId: string; snapshots: SnapshotSummary[]; onView: (commit: string, index: number) => void }): JSX.Element {
  const [pair, setPair] = createSignal<{ from: string; to: string } | null>(null);
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const previous = (i: number) => props.snapshots[i + 1]?.commit;
  const short = (s: SnapshotSummary) => `${s.commit.slice(0, 10)} · ${formatTime(s.recordedAt)}`;
  return (
    <div class="card">
      <h2>Backup history</h2>
      <Show when={props.snapshots.length > 0} fallback={<p class="empty">No backup yet.</p>}>
        <table class="table">
          <thead><tr><th>When</th><th>Changed</th><th>Commit</th><th>Size</th><th>Job</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            <For each={props.snapshots}>
              {(s, i) => (
                <tr>
                  <td>{formatTime(s.recordedAt)}</td><td>{s.changed ? 'changed' : 'same'}</td>
                  <td class="mono">{s.commit.slice(0, 10)}</td><td>{s.size} B</td>
                  <td><A href={`/jobs/${encodeURIComponent(s.jobId)}`}>{s.jobId.slice(0, 12)}</A></td>
                  <td class="actions">
                    <button type="button" class="ghost" onClick={() => props.onView(s.commit, i())}>View</button>
                    <Show when={previous(i()) && previous(i()) !== s.commit}>
                      <button type="button" class="ghost" aria-label={`Diff ${s.commit.slice(0, 10)} with the version before`}
                        onClick={() => setPair({ from: previous(i()) ?? '', to: s.commit })}>Diff</button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={props.snapshots.length > 1}>
          <form class="filters" onSubmit={(e) => (e.preventDefault(), from() && to() && setPair({ from: from(), to: to() }))}>
            <label>From version<select value={from()} onChange={(e) => setFrom(e.currentTarget.value)}>
              <option value="">choose…</option><For each={props.snapshots}>{(s) => <option value={s.commit}>{short(s)}</option>}</For>
            </select></label>
            <label>To version<select value={to()} onChange={(e) => setTo(e.currentTarget.value)}>
              <option value="">choose…</option><For each={props.snapshots}>{(s) => <option value={s.commit}>{short(s)}</option>}</For>
            </select></label>
            <button type="submit" disabled={!from() || !to()}>Compare</button>
          </form>
        </Show>
      </Show>
      <Show when={pair()} keyed>
        {(p) => (
          <>
            <ConfigDiffView from={{ deviceId: props.deviceId, commit: p.from }} to={{ deviceId: props.deviceId, commit: p.to }} />
            <button type="button" class="ghost" onClick={() => setPair(null)}>Close diff</button>
          </>
        )}
      </Show>
    </div>
  );
}
