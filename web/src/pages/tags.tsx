import { For, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { DEVICE_CHANGED } from '../api/devices';
import { TAGS, type TagsData } from '../api/tags';
import { QueryState } from '../components/states';
import { onLiveChanges } from '../lib/live';

/** Every tag in use: how many devices carry it (each a link to them), the credentials and policy it brings. */
export default function TagsPage(): JSX.Element {
  const [result, reexecute] = createQuery<TagsData>({ query: TAGS });
  onLiveChanges(DEVICE_CHANGED, {}, () => reexecute({ requestPolicy: 'network-only' }), 1000);
  return (
    <section aria-labelledby="tags-title">
      <div class="page-head"><h1 id="tags-title">Tags</h1></div>
      <p class="muted small">Tags group devices for backups, schedules, credentials (fallback by tag), policies and user scopes. Tag devices from the Devices page.</p>
      <QueryState fetching={result.fetching} error={result.error} empty={(result.data?.tags.length ?? 0) === 0} emptyText="No tag in use yet.">
        <table class="table">
          <thead><tr><th>Tag</th><th>Devices</th><th>Credentials</th><th>Backup policy</th></tr></thead>
          <tbody>
            <For each={result.data?.tags ?? []}>
              {(tag) => (
                <tr>
                  <td>{tag.name}</td>
                  <td><A href={`/devices?tag=${encodeURIComponent(tag.name)}`} aria-label={`${tag.deviceCount} devices tagged ${tag.name}`}>{tag.deviceCount}</A></td>
                  <td>{tag.credentialCount > 0 ? <A href="/credentials">{tag.credentialCount}</A> : 0}</td>
                  <td>{tag.hasPolicy ? <A href="/policies">set</A> : <span class="muted">none</span>}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
