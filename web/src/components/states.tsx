import { Show, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { errorText } from '../lib/format';

/** Loading, error and empty states of a query, then its content. */
export function QueryState(props: { fetching: boolean; error: CombinedError | undefined; empty?: boolean; emptyText?: string; children: JSX.Element }): JSX.Element {
  return (
    <Show when={!props.error} fallback={<p class="error" role="alert">Could not load: {errorText(props.error)}</p>}>
      <Show when={!props.fetching || !props.empty} fallback={<p class="muted" role="status">Loading…</p>}>
        <Show when={!props.empty} fallback={<p class="empty">{props.emptyText ?? 'Nothing here yet.'}</p>}>
          {props.children}
        </Show>
      </Show>
    </Show>
  );
}

/** A button the role may not use: disabled, with the reason as its description. */
export function Guarded(props: { reason: string | undefined; children: JSX.Element }): JSX.Element {
  return <Show when={!props.reason} fallback={<span class="muted small" title={props.reason}>{props.reason}</span>}>{props.children}</Show>;
}

export function Progress(props: { value: number; label: string }): JSX.Element {
  return (
    <div class="progress" role="progressbar" aria-label={props.label} aria-valuemin="0" aria-valuemax="100" aria-valuenow={props.value}>
      <div class="bar" style={{ width: `${props.value}%` }} />
      <span>{props.value}%</span>
    </div>
  );
}

export function StatusBadge(props: { status: string | null | undefined }): JSX.Element {
  return <span class={`badge ${(props.status ?? 'none').toLowerCase()}`}>{props.status ? props.status.toLowerCase().replace(/_/g, ' ') : 'never'}</span>;
}
