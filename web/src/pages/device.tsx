import { createEffect, createMemo, createSignal, on, Show, type JSX } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { DECOMMISSION_DEVICE, DEVICE, DEVICE_CHANGED_ONE, SNAPSHOT_CONFIGS, type DeviceData, type SnapshotConfigsData } from '../api/devices';
import { SCHEDULE_BACKUP, type ScheduleBackupData } from '../api/jobs';
import { nodesOf } from '../api/lists';
import { refusal } from '../auth/session';
import { ConfigViewer } from '../components/config-viewer';
import { BackupHistory } from '../components/backup-history';
import { DeviceAudit } from '../components/device-audit';
import { DeviceForm } from '../components/device-form';
import { Guarded, QueryState, StatusBadge } from '../components/states';
import { ago, errorText, formatTime } from '../lib/format';
import { onLiveChanges } from '../lib/live';

export default function DevicePage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const client = useClient();
  const navigate = useNavigate();
  const [result, reexecute] = createQuery<DeviceData>({ query: DEVICE, variables: () => ({ id: params.id }) });
  const [editing, setEditing] = createSignal(false);
  const device = () => result.data?.device ?? undefined;
  const snapshots = createMemo(() => nodesOf(device()?.snapshots));
  const [shown, setShown] = createSignal<{ commit: string; config: string } | null>(null);
  const [message, setMessage] = createSignal('');
  // Live: a backup, a reachability check, a tag or an edit elsewhere shows without a reload.
  createEffect(on(() => params.id, (id) => onLiveChanges(DEVICE_CHANGED_ONE, { ids: [id] }, () => reexecute({ requestPolicy: 'network-only' }), 500)));

  const backUp = async () => {
    const answer = await client.mutation<ScheduleBackupData>(SCHEDULE_BACKUP, { input: { deviceIds: [params.id] } }).toPromise();
    if (answer.data) navigate(`/jobs/${encodeURIComponent(answer.data.scheduleBackup.id)}`);
    else setMessage(errorText(answer.error));
  };
  const decommission = async () => {
    const reason = prompt('Why is this device decommissioned?');
    if (reason === null) return;
    const answer = await client.mutation(DECOMMISSION_DEVICE, { id: params.id, reason }).toPromise();
    setMessage(answer.error ? errorText(answer.error) : '');
    reexecute({ requestPolicy: 'network-only' });
  };
  const view = async (commit: string, index: number) => {
    const answer = await client.query<SnapshotConfigsData>(SNAPSHOT_CONFIGS, { id: params.id, limit: index + 1 }).toPromise();
    const found = nodesOf(answer.data?.device?.snapshots).find((s) => s.commit === commit);
    if (found?.config != null) setShown({ commit, config: found.config });
    else setMessage(answer.error ? errorText(answer.error) : 'That version is not in the repository.');
  };

  return (
    <QueryState fetching={result.fetching} error={result.error} empty={!device()} emptyText="No such device (or not in your scope).">
      <Show when={device()}>
        {(d) => (
          <section aria-labelledby="device-title">
            <div class="page-head">
              <h1 id="device-title">{d().name}</h1>
              <Guarded reason={refusal('OPERATOR')}>
                <div class="actions">
                  <button type="button" onClick={() => void backUp()} disabled={d().status === 'decommissioned'}>Back up now</button>
                  <button type="button" class="ghost" onClick={() => setEditing(!editing())} aria-expanded={editing()}>Edit</button>
                  <button type="button" class="ghost" onClick={() => void decommission()} disabled={d().status === 'decommissioned'}>Decommission</button>
                </div>
              </Guarded>
            </div>
            <Show when={editing()}>
              <DeviceForm device={d()} platforms={[d().platform]} onClose={() => setEditing(false)}
                onSaved={() => (setEditing(false), reexecute({ requestPolicy: 'network-only' }))} />
            </Show>
            <Show when={message()}><p class="error" role="alert">{message()}</p></Show>
            <div class="grid2">
              <div class="card">
                <h2>Facts</h2>
                <dl class="facts">
                  <dt>Address</dt><dd>{d().host}:{d().port} ({d().protocol})</dd>
                  <dt>Platform</dt><dd>{d().platform}</dd>
                  <dt>Hostname</dt><dd>{d().hostname ?? '—'}</dd>
                  <dt>Model</dt><dd>{d().model ?? '—'}</dd>
                  <dt>Serial</dt><dd>{d().serial ?? '—'}</dd>
                  <dt>OS version</dt><dd>{d().osVersion ?? '—'}</dd>
                  <dt>Tags</dt><dd>{d().tags.join(', ') || '—'}</dd>
                  <dt>Status</dt><dd>{d().status}</dd>
                </dl>
              </div>
              <div class="card">
                <h2>Reachability</h2>
                <dl class="facts">
                  <dt>Reachability</dt><dd><span class={`badge ${d().reachability.toLowerCase()}`}>{d().reachability.toLowerCase().replace('_', ' ')}</span></dd>
                  <dt>Last seen</dt><dd>{ago(d().lastSeenAt)}</dd>
                  <dt>Stale</dt><dd>{d().stale ? `yes, since ${formatTime(d().staleSince)}` : 'no'}</dd>
                  <dt>Last backup</dt><dd><StatusBadge status={d().lastBackupStatus} /> {ago(d().lastBackupAt)}</dd>
                  <dt>Last error</dt><dd>{d().lastErrorCategory ?? '—'}</dd>
                  <dt>Circuit</dt><dd>{d().circuit.open ? `open until ${formatTime(d().circuit.retryAfter)}` : 'closed'} ({d().circuit.consecutiveTransientFailures} transient failures in a row)</dd>
                  <dt>Host key</dt><dd class="mono small">{d().hostKeyFingerprint ?? 'not pinned yet'}</dd>
                  <dt>Credential</dt><dd>{d().credential ? `${d().credential?.name} (${d().credential?.username})` : 'hidden or none'}</dd>
                  <dt>Last job</dt><dd>{d().lastJobId ? <A href={`/jobs/${encodeURIComponent(d().lastJobId ?? '')}`}>{d().lastJobId}</A> : '—'}</dd>
                </dl>
              </div>
            </div>
            <BackupHistory deviceId={d().id} snapshots={snapshots()} onView={(commit, i) => void view(commit, i)} />
            <div class="card">
              <h2>Configuration {shown() ? `at ${shown()?.commit.slice(0, 10)}` : '(latest)'}</h2>
              <Show when={shown()}><button type="button" class="ghost" onClick={() => setShown(null)}>Show latest</button></Show>
              <Show when={shown()?.config ?? d().config} fallback={<p class="empty">No configuration stored yet.</p>}>
                {(text) => <ConfigViewer text={text()} fileName={`${d().name}${shown() ? `-${shown()?.commit.slice(0, 10)}` : ''}.cfg`} />}
              </Show>
            </div>
            <DeviceAudit deviceId={d().id} />
          </section>
        )}
      </Show>
    </QueryState>
  );
}
