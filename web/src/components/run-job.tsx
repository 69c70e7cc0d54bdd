import { createSignal, Show, type JSX } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { useClient } from '@urql/solid';
import type { Client } from '@urql/core';
import { RUN_JOB, type JobKind, type JobPriority, type RunJobData } from '../api/jobs';
import { errorText } from '../lib/format';

const list = (text: string, split = /[,;\s]+/) => text.split(split).map((s) => s.trim()).filter(Boolean);

/** Device names to ids (exact names; one request for all of them). */
async function deviceIds(client: Client, names: string[]): Promise<{ ids: string[]; unknown: string[] }> {
  if (names.length === 0) return { ids: [], unknown: [] };
  const query = `query ResolveDevices(${names.map((_, i) => `$n${i}: String`).join(', ')}) { ${names.map((_, i) => `d${i}: devices(first: 20, text: $n${i}) { nodes { id name } }`).join(' ')} }`;
  const answer = await client.query<Record<string, { nodes: Array<{ id: string; name: string }> }>>(query, Object.fromEntries(names.map((n, i) => [`n${i}`, n]))).toPromise();
  if (answer.error) throw new Error(errorText(answer.error));
  const ids: string[] = [];
  const unknown: string[] = [];
  names.forEach((name, i) => {
    const found = answer.data?.[`d${i}`]?.nodes.find((d) => d.name === name || d.id === name);
    if (found) ids.push(found.id);
    else unknown.push(name);
  });
  return { ids, unknown };
}

/** Run a job now: its kind, targets by tags and/or device names, priority, and a COMMAND job's commands. */
export function RunJob(): JSX.Element {
  const client = useClient();
  const navigate = useNavigate();
  const [kind, setKind] = createSignal<JobKind>('BACKUP');
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const tags = list(String(form.get('tags') ?? ''));
    try {
      const { ids, unknown } = await deviceIds(client, list(String(form.get('devices') ?? '')));
      if (unknown.length) return setError(`No device named ${unknown.join(', ')}.`);
      if (!tags.length && !ids.length) return setError('Choose tags or devices to run on.');
      const commands = kind() === 'COMMAND' ? list(String(form.get('commands') ?? ''), /\n/) : undefined;
      const input = { jobType: kind(), priority: String(form.get('priority')) as JobPriority, targets: { tags, deviceIds: ids }, ...(commands ? { commands } : {}) };
      const answer = await client.mutation<RunJobData>(RUN_JOB, { input }).toPromise();
      if (answer.data) navigate(`/jobs/${encodeURIComponent(answer.data.runJob.id)}`);
      else setError(errorText(answer.error));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="run-now">
      <h2 id="run-now">Run now</h2>
      <div class="filters">
        <label>Kind<select name="kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as JobKind)}>
          <option value="BACKUP">backup</option><option value="REACHABILITY">reachability</option><option value="COMMAND">command</option>
        </select></label>
        <label>Device tags<input name="tags" placeholder="lab, core" /></label>
        <label>Device names<input name="devices" placeholder="lab-r1, edge-2" /></label>
        <label>Priority<select name="priority"><option value="HIGH">high</option><option value="NORMAL">normal</option><option value="LOW">low</option></select></label>
        <Show when={kind() === 'COMMAND'}>
          <label>Commands (one a line)<textarea name="commands" rows="3" cols="30" required placeholder="show version" /></label>
        </Show>
        <button type="submit">Run job</button>
      </div>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}
