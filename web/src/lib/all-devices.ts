import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { CombinedError, OperationResult } from '@urql/core';
import { useClient } from '@urql/solid';
import { DEVICE_CHANGED, DEVICES, type DeviceSummary, type DevicesData } from '../api/devices';
import { onLiveChanges } from './live';

export interface AllDevicesState {
  readonly devices: DeviceSummary[];
  readonly error: CombinedError | undefined;
  readonly fetching: boolean;
}

/**
 * Every device the reader may see, read page after page (keyset cursors, 1,000 a page: the API's cap) and
 * published once complete, as a plain array: a Solid store would proxy every field of 10,000 rows.
 * A re-read replaces the list only when it has finished, so the table never shows a half fleet.
 */
export function createAllDevices(): [Accessor<AllDevicesState>, () => void] {
  const client = useClient();
  const [state, setState] = createSignal<AllDevicesState>({ devices: [], error: undefined, fetching: true });
  let generation = 0;
  onCleanup(() => void generation++);
  const load = async () => {
    const mine = ++generation;
    setState((s) => ({ ...s, fetching: true }));
    const devices: DeviceSummary[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: OperationResult<DevicesData> = await client.query<DevicesData>(DEVICES, after ? { after } : {}, { requestPolicy: 'network-only' }).toPromise();
      if (mine !== generation) return;
      const page = answer.data?.devices;
      if (answer.error || !page) return setState((s) => ({ ...s, error: answer.error, fetching: false }));
      devices.push(...page.nodes);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
    setState({ devices, error: undefined, fetching: false });
  };
  void load();
  // Live: changed devices are patched in place, new ones slotted in by name, decommissioned ones dropped.
  onLiveChanges<DeviceSummary>(DEVICE_CHANGED, {}, (changed) => {
    const current = state();
    if (current.fetching && current.devices.length === 0) return; // the first read is still coming and will include them
    const byId = new Map(changed.map((d) => [d.id, d]));
    const devices = current.devices.flatMap((d) => {
      const next = byId.get(d.id);
      byId.delete(d.id);
      return next === undefined ? [d] : next.status === 'decommissioned' ? [] : [next];
    });
    const added = [...byId.values()].filter((d) => d.status !== 'decommissioned');
    if (added.length) devices.push(...added), devices.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    setState({ ...current, devices });
  }, 250);
  return [state, () => void load()];
}
