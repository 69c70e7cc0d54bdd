import { createSignal, Show, type JSX } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { CANCEL_JOB, isFinished, RERUN_FAILED, type JobSummary, type RerunFailedData } from '../api/jobs';
import { refusal } from '../auth/session';
import { errorText } from '../lib/format';

/** Cancel while a job runs; re-run its failed devices once it is over. Hidden for a role that may not. */
export function JobControls(props: { job: Pick<JobSummary, 'id' | 'status' | 'failed'>; onChanged?: () => void }): JSX.Element {
  const client = useClient();
  const navigate = useNavigate();
  const [message, setMessage] = createSignal('');
  const cancel = async () => {
    const answer = await client.mutation(CANCEL_JOB, { id: props.job.id }).toPromise();
    setMessage(answer.error ? errorText(answer.error) : '');
    props.onChanged?.();
  };
  const rerun = async () => {
    const answer = await client.mutation<RerunFailedData>(RERUN_FAILED, { jobId: props.job.id }).toPromise();
    if (answer.data) navigate(`/jobs/${encodeURIComponent(answer.data.rerunFailed.id)}`);
    else setMessage(errorText(answer.error));
  };
  return (
    <Show when={!refusal('OPERATOR')}>
      <span class="actions">
        <Show when={!isFinished(props.job.status)}>
          <button type="button" class="ghost" onClick={() => void cancel()} aria-label={`Cancel job ${props.job.id}`}>Cancel</button>
        </Show>
        <Show when={isFinished(props.job.status) && props.job.failed > 0}>
          <button type="button" class="ghost" onClick={() => void rerun()} aria-label={`Re-run failed devices of job ${props.job.id}`}>Re-run failed</button>
        </Show>
        <Show when={message()}><span class="error" role="alert">{message()}</span></Show>
      </span>
    </Show>
  );
}
