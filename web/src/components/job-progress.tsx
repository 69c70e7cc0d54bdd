import type { JSX } from 'solid-js';
import { createSubscription } from '@urql/solid';
import { JOB_PROGRESS, percentDone, type JobProgressData, type JobSummary } from '../api/jobs';
import { Progress } from './states';

/** A running job's bar, live: starts from the list's numbers, then follows `jobUpdated`. */
export function JobProgress(props: { job: Pick<JobSummary, 'id' | 'status' | 'deviceCount' | 'succeeded' | 'failed'> }): JSX.Element {
  const [live] = createSubscription<JobProgressData>({ query: JOB_PROGRESS, variables: () => ({ id: props.job.id }) });
  return <Progress value={percentDone(live.data?.jobUpdated ?? props.job)} label={`Job ${props.job.id} progress`} />;
}
