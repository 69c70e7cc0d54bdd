import { createEffect, createMemo, createSignal, For, on, Show, type JSX } from 'solid-js';
import { createQuery } from '@urql/solid';
import { JOB_HISTORY, JOB_STATE_AT, type AuditEvent, type JobHistoryData, type JobStateAtData } from '../api/audit';
import { percentDone } from '../api/jobs';
import { nodesOf } from '../api/lists';
import { createPaged } from '../lib/paged';
import { errorText, formatTime } from '../lib/format';
import { AuditTimeline } from './audit-timeline';
import { Progress, StatusBadge } from './states';

/**
 * The job's audit timeline (every event of every stream it touched, with actor and time) and a scrubber over it:
 * the job's state after the chosen event, rebuilt by the API from the events (`stateAt(position)`).
 * `revision` changes as the live job moves on: the history is read again, and a scrubber at the end stays there.
 */
export function JobTimeline(props: { jobId: string; revision: string }): JSX.Element {
  const [history, page] = createPaged<AuditEvent, JobHistoryData>(JOB_HISTORY, () => ({ id: props.jobId }), (d) => d.job?.history, { all: true });
  const events = () => history().items;
  const [picked, setPicked] = createSignal<number | null>(null); // null: follow the latest event
  const index = createMemo(() => Math.min(picked() ?? events().length - 1, events().length - 1));
  const event = () => events()[index()];
  createEffect(on(() => props.revision, page.reload, { defer: true }));
  const [state] = createQuery<JobStateAtData>({
    query: JOB_STATE_AT, variables: () => ({ id: props.jobId, position: event()?.position ?? 0 }), pause: () => !event(),
  });
  const at = () => state.data?.job?.stateAt;
  return (
    <div class="card">
      <h2>Audit timeline</h2>
      <Show when={!history().error} fallback={<p class="error" role="alert">{errorText(history().error)}</p>}>
        <Show when={events().length > 0} fallback={<p class="empty">{history().fetching ? 'Loading…' : 'No events yet.'}</p>}>
          <div class="scrubber">
            <label class="inline" for="scrubber">State after event</label>
            <input id="scrubber" type="range" min="0" max={events().length - 1} step="1" value={index()}
              aria-valuetext={event() ? `#${event()?.position} ${event()?.type}` : ''}
              onInput={(e) => { const v = Number(e.currentTarget.value); setPicked(v >= events().length - 1 ? null : v); }} />
            <span class="mono small">{index() + 1} / {events().length}</span>
          </div>
          <div class="card" aria-label="Job state at the chosen instant" role="region" aria-live="polite">
            <p>
              <b>#{event()?.position}</b> {event()?.type} · {formatTime(event()?.at)} · {event()?.actor}
            </p>
            <Show when={at()} fallback={<p class="muted">{state.fetching ? 'Rebuilding…' : 'The job did not exist yet.'}</p>}>
              {(s) => (
                <>
                  <p>Status then: <StatusBadge status={s().status} /> · {s().succeeded} succeeded, {s().failed} failed, {s().cancelled} cancelled of {s().deviceCount}</p>
                  <Progress value={percentDone(s())} label="Progress at that instant" />
                  <ul class="plain small">
                    <For each={nodesOf(s().devices)}>{(d) => <li>{d.device?.name ?? d.deviceId}: <StatusBadge status={d.status} /> {d.attempts > 1 ? `(${d.attempts} attempts)` : ''} {d.error ?? ''}</li>}</For>
                  </ul>
                </>
              )}
            </Show>
          </div>
          <AuditTimeline events={events()} current={event()?.position} label="Job audit timeline" />
        </Show>
      </Show>
    </div>
  );
}
