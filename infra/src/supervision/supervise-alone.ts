import { Supervisor, type Follower } from './supervisor.js';
import { reportOutagesTo } from './outage-log.js';

/** A follower under a supervisor of its own (tests, tools); a process adds its followers to one supervisor instead. */
export async function superviseAlone(follower: Follower, onError?: (error: unknown) => void): Promise<Supervisor> {
  const supervisor = new Supervisor(reportOutagesTo(onError));
  await supervisor.add(follower);
  return supervisor;
}
