import { createSignal, For, Show, type JSX } from 'solid-js';
import { createQuery, useClient } from '@urql/solid';
import { CREDENTIALS, type CredentialsData } from '../api/credentials';
import { REGISTER_DEVICE, UPDATE_DEVICE, type DeviceDetail, type RegisterDeviceData } from '../api/devices';
import { errorText } from '../lib/format';

/** Adds a device, or edits one (`device` given): address, platform and credential; tags change by tag/untag. */
export function DeviceForm(props: { device?: DeviceDetail; platforms: string[]; onSaved: (id: string) => void; onClose: () => void }): JSX.Element {
  const client = useClient();
  const [credentials] = createQuery<CredentialsData>({ query: CREDENTIALS });
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (key: string) => String(form.get(key) ?? '').trim();
    const fields = { name: text('name'), host: text('host'), port: Number(text('port') || '22'), platform: text('platform'), credentialId: text('credentialId') };
    const current = props.device;
    // An edit sends only what changed.
    const changed = current && Object.fromEntries(Object.entries(fields).filter(([key, value]) =>
      value !== (key === 'credentialId' ? current.credential?.id : current[key as 'name' | 'host' | 'port' | 'platform'])));
    if (current && changed && Object.keys(changed).length === 0) return props.onClose();
    const answer = current
      ? await client.mutation(UPDATE_DEVICE, { id: current.id, input: changed }).toPromise()
      : await client.mutation<RegisterDeviceData>(REGISTER_DEVICE, { input: { ...fields, tags: text('tags').split(/[,;\s]+/).filter(Boolean) } }).toPromise();
    if (answer.error) return setError(errorText(answer.error));
    props.onSaved(current?.id ?? (answer.data as RegisterDeviceData).registerDevice.id);
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="device-form-title">
      <h2 id="device-form-title">{props.device ? `Edit ${props.device.name}` : 'Add a device'}</h2>
      <div class="filters">
        <label>Device name<input name="name" required value={props.device?.name ?? ''} /></label>
        <label>Host<input name="host" required value={props.device?.host ?? ''} /></label>
        <label>Port<input name="port" type="number" min="1" max="65535" value={props.device?.port ?? 22} /></label>
        <label>Platform<input name="platform" required list="known-platforms" value={props.device?.platform ?? ''} /></label>
        <datalist id="known-platforms"><For each={props.platforms}>{(p) => <option value={p} />}</For></datalist>
        <label>Credential<select name="credentialId" required>
          <For each={credentials.data?.credentials ?? []}>
            {(c) => <option value={c.id} selected={c.id === props.device?.credential?.id}>{c.name} ({c.username})</option>}
          </For>
        </select></label>
        <Show when={!props.device}><label>Tags<input name="tags" placeholder="core, site-a" /></label></Show>
        <button type="submit">{props.device ? 'Save device' : 'Add device'}</button>
        <button type="button" class="ghost" onClick={() => props.onClose()}>Cancel</button>
      </div>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}
