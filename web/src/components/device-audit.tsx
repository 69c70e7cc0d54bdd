import { Show, type JSX } from 'solid-js';
import { DEVICE_HISTORY, type AuditEvent, type DeviceHistoryData } from '../api/audit';
import { createPaged } from '../lib/paged';
import { errorText } from '../lib/format';
import { AuditTimeline } from './audit-timeline';

/** The device's own events and its steps in every job, oldest first, a page at a time. */
export function DeviceAudit(props: { deviceId: string }): JSX.Element {
  const [history, page] = createPaged<AuditEvent, DeviceHistoryData>(DEVICE_HISTORY, () => ({ id: props.deviceId }), (d) => d.device?.history);
  return (
    <div class="card">
      <h2>Audit history</h2>
      <Show when={!history().error} fallback={<p class="error" role="alert">{errorText(history().error)}</p>}>
        <Show when={history().items.length > 0} fallback={<p class="empty">{history().fetching ? 'Loading…' : 'No events.'}</p>}>
          <AuditTimeline events={history().items} label="Device audit history" />
        </Show>
        <Show when={history().hasMore}><button type="button" class="ghost" onClick={page.more} disabled={history().fetching}>Load more</button></Show>
      </Show>
    </div>
  );
}
