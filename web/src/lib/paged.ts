import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { AnyVariables, CombinedError, OperationResult } from '@urql/core';
import { useClient } from '@urql/solid';

interface Page<T> { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
export interface PagedState<T> { items: T[]; error: CombinedError | undefined; fetching: boolean; hasMore: boolean }

/**
 * A cursor connection read a page at a time (`more()` appends the next one; `all` reads to the end). Restarts
 * when the variables change; `reload()` starts again from the first page.
 */
export function createPaged<T, D>(
  query: string, variables: Accessor<AnyVariables>, pick: (data: D) => Page<T> | undefined, options: { all?: boolean } = {},
): [Accessor<PagedState<T>>, { more: () => void; reload: () => void }] {
  const client = useClient();
  const [state, setState] = createSignal<PagedState<T>>({ items: [], error: undefined, fetching: true, hasMore: false });
  let cursor: string | null = null;
  let generation = 0;
  const fetchPage = async (reset: boolean) => {
    const mine = reset ? ++generation : generation;
    if (reset) cursor = null;
    // A reload keeps what is shown until the first page of the new read replaces it.
    let replace = reset;
    setState((s) => ({ ...s, fetching: true }));
    for (;;) {
      const vars = { ...(variables() as Record<string, unknown>), ...(cursor ? { after: cursor } : {}) };
      const answer: OperationResult<D> = await client.query<D>(query, vars, { requestPolicy: 'network-only' }).toPromise();
      if (mine !== generation) return;
      const page = answer.data ? pick(answer.data) : undefined;
      if (answer.error || !page) return setState((s) => ({ ...s, error: answer.error, fetching: false, hasMore: false }));
      cursor = page.pageInfo.endCursor;
      const hasMore = page.pageInfo.hasNextPage && cursor !== null;
      const keep = replace ? [] : state().items;
      replace = false;
      setState({ items: [...keep, ...page.nodes], error: undefined, fetching: hasMore && Boolean(options.all), hasMore });
      if (!hasMore || !options.all) return;
    }
  };
  createEffect(on(variables, () => void fetchPage(true)));
  return [state, { more: () => void fetchPage(false), reload: () => void fetchPage(true) }];
}
