import { createSignal, Show, type JSX } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { TAG_DEVICE, UNTAG_DEVICE } from '../api/devices';
import { SCHEDULE_BACKUP, type ScheduleBackupData } from '../api/jobs';
import { refusal } from '../auth/session';
import { errorText } from '../lib/format';
import { Guarded } from './states';

/** Back up now / tag / untag for the selected devices. */
export function BulkActions(props: { selected: string[]; onChanged: () => void; onClear: () => void }): JSX.Element {
  const client = useClient();
  const navigate = useNavigate();
  const [tagText, setTagText] = createSignal('');
  const [message, setMessage] = createSignal('');
  const none = () => props.selected.length === 0;

  const backUp = async () => {
    const result = await client.mutation<ScheduleBackupData>(SCHEDULE_BACKUP, { input: { deviceIds: props.selected } }).toPromise();
    if (result.data) navigate(`/jobs/${encodeURIComponent(result.data.scheduleBackup.id)}`);
    else setMessage(errorText(result.error));
  };
  const retag = async (document: string, verb: string) => {
    const tags = tagText().split(/[,;\s]+/).filter(Boolean);
    if (tags.length === 0) return setMessage('Type a tag first.');
    let done = 0;
    for (const id of props.selected) {
      const result = await client.mutation(document, { id, tags }).toPromise();
      if (result.error) return setMessage(`${verb} stopped after ${done}: ${errorText(result.error)}`);
      done++;
      setMessage(`${verb} ${done} of ${props.selected.length}…`);
    }
    setMessage(`${verb} ${done} devices.`);
    props.onChanged();
  };

  return (
    <div class="bulk" role="group" aria-label="Selected devices">
      <span>{props.selected.length} selected</span>
      <Guarded reason={refusal('OPERATOR')}>
        <button type="button" disabled={none()} onClick={() => void backUp()}>Back up now</button>
        <label class="inline">Tag to add or remove<input value={tagText()} onInput={(e) => setTagText(e.currentTarget.value)} placeholder="tag" size="12" /></label>
        <button type="button" disabled={none()} onClick={() => void retag(TAG_DEVICE, 'Tagged')}>Add tag</button>
        <button type="button" disabled={none()} onClick={() => void retag(UNTAG_DEVICE, 'Untagged')}>Remove tag</button>
      </Guarded>
      <button type="button" class="ghost" disabled={none()} onClick={() => props.onClear()}>Clear selection</button>
      <Show when={message()}><span role="status">{message()}</span></Show>
    </div>
  );
}
