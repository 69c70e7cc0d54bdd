import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { AnyVariables, CombinedError, OperationContext } from '@urql/core';
import { useClient } from '@urql/solid';

export interface PlainQueryState<T> {
  readonly data: T | undefined;
  readonly error: CombinedError | undefined;
  readonly fetching: boolean;
}

/**
 * A query whose result stays a plain object. `createQuery` reconciles results into a Solid store,
 * which turns every field of 10,000 devices into a tracked proxy; big lists read here instead
 * (same client, cache and exchanges).
 */
export function createPlainQuery<T, V extends AnyVariables = AnyVariables>(
  query: string, variables: Accessor<V> = () => ({}) as V,
): [Accessor<PlainQueryState<T>>, (context?: Partial<OperationContext>) => void] {
  const client = useClient();
  const [state, setState] = createSignal<PlainQueryState<T>>({ data: undefined, error: undefined, fetching: true });
  const [context, setContext] = createSignal<Partial<OperationContext>>({});
  createEffect(() => {
    setState((s) => ({ ...s, fetching: true }));
    const subscription = client.query<T, V>(query, variables(), context()).subscribe((result) =>
      setState({ data: result.data ?? undefined, error: result.error, fetching: Boolean(result.stale) }));
    onCleanup(() => subscription.unsubscribe());
  });
  return [state, (next = { requestPolicy: 'network-only' }) => setContext({ ...next })];
}
