import { For, type JSX } from 'solid-js';
import { eventSummary, type AuditEvent } from '../api/audit';
import { formatTime } from '../lib/format';

/** Events in log order with time and actor; with `current`, the events after it are dimmed (the scrubber's instant). */
export function AuditTimeline(props: { events: readonly AuditEvent[]; current?: number; label: string }): JSX.Element {
  return (
    <ol class="timeline" aria-label={props.label}>
      <For each={props.events}>
        {(e) => (
          <li classList={{ current: props.current === e.position, future: props.current !== undefined && e.position > props.current }}
            aria-current={props.current === e.position ? 'step' : undefined}>
            <span class="mono small">#{e.position}</span>
            <time class="small">{formatTime(e.at)}</time>
            <span class="small">{e.actor}</span>
            <span><b>{e.type}</b> <span class="muted small" title={JSON.stringify(e.data)}>{eventSummary(e.data)}</span></span>
          </li>
        )}
      </For>
    </ol>
  );
}
