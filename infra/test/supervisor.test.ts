import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { oncePerBurst, Supervisor, type Follower, type FollowerRun } from '../src/supervision/index.js';
import { eventually } from '../src/testing/index.js';

/** A follower whose runs fail on command, like a subscription whose database goes away. */
class ScriptedFollower implements Follower {
  starts = 0;
  failStartsWhile: () => boolean = () => false;
  private current: { fail: (error: Error) => void; stop: () => void } | undefined;

  constructor(readonly name: string) {}

  async follow(): Promise<FollowerRun> {
    this.starts++;
    if (this.failStartsWhile()) throw new Error(`${this.name}: connection refused`);
    let fail: (error: Error) => void = () => undefined;
    let stop: () => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      fail = reject;
      stop = resolve;
    });
    this.current = { fail, stop };
    return { done, stop: async () => stop() };
  }

  failRun(message: string): void {
    this.current?.fail(new Error(message));
  }
}

function recordingEvents() {
  const outages: string[] = [];
  const recoveries: Array<{ name: string; attempts: number }> = [];
  return {
    outages, recoveries,
    events: {
      onOutage: (name: string, error: unknown) => outages.push(`${name}: ${(error as Error).message}`),
      onRecovered: (name: string, _downForMs: number, attempts: number) => recoveries.push({ name, attempts }),
    },
  };
}

const supervision = suite('supervisor');

supervision('restarts a failed follower from scratch and reports the outage once, however many retries it takes', async () => {
  const log = recordingEvents();
  const supervisor = new Supervisor(log.events, { initialBackoffMs: 5, maxBackoffMs: 20 });
  const follower = new ScriptedFollower('relay');
  await supervisor.add(follower);
  assert.is(supervisor.statuses()[0]?.state, 'running');

  let down = true;
  follower.failStartsWhile = () => down;
  follower.failRun('terminating connection due to administrator command');
  await eventually('several failed restarts', async () => (follower.starts >= 5 ? true : undefined), 5_000);
  assert.is(supervisor.statuses()[0]?.state, 'retrying');
  assert.match(supervisor.statuses()[0]?.lastError ?? '', /connection refused/);
  down = false;
  await eventually('running again', async () => (supervisor.statuses()[0]?.state === 'running' ? true : undefined), 5_000);

  assert.equal(log.outages, ['relay: terminating connection due to administrator command']);
  assert.is(log.recoveries.length, 1);
  assert.ok((log.recoveries[0]?.attempts ?? 0) >= 4, 'the recovery says how many attempts it took');
  await supervisor.stopAll();
  assert.is(supervisor.statuses().length, 0);
});

supervision('a second outage after recovery is reported again', async () => {
  const log = recordingEvents();
  const supervisor = new Supervisor(log.events, { initialBackoffMs: 1, maxBackoffMs: 2 });
  const follower = new ScriptedFollower('dispatcher');
  await supervisor.add(follower);
  follower.failRun('first');
  await eventually('restarted', async () => (follower.starts === 2 ? true : undefined), 2_000);
  follower.failRun('second');
  await eventually('restarted again', async () => (follower.starts === 3 ? true : undefined), 2_000);
  assert.equal(log.outages, ['dispatcher: first', 'dispatcher: second']);
  await supervisor.stopAll();
});

supervision('routine restarts (a moved checkpoint) restart at once without an outage', async () => {
  const log = recordingEvents();
  const supervisor = new Supervisor(log.events, { initialBackoffMs: 60_000, isRoutineRestart: (e) => (e as Error).message === 'moved' });
  const follower = new ScriptedFollower('projection:jobs');
  await supervisor.add(follower);
  follower.failRun('moved');
  await eventually('restarted without backoff', async () => (follower.starts === 2 ? true : undefined), 2_000);
  assert.equal(log.outages, []);
  await supervisor.stopAll();
});

supervision('stop ends a follower waiting in backoff without another start', async () => {
  const log = recordingEvents();
  const supervisor = new Supervisor(log.events, { initialBackoffMs: 60_000 });
  const follower = new ScriptedFollower('watchdog');
  follower.failStartsWhile = () => true;
  await supervisor.add(follower);
  assert.is(supervisor.statuses()[0]?.state, 'retrying');
  const started = Date.now();
  await supervisor.stopAll();
  assert.ok(Date.now() - started < 1_000, 'no wait for the backoff');
  assert.is(follower.starts, 1);
});

supervision('oncePerBurst reports the first error of a burst and again after a quiet spell', () => {
  let now = 0;
  const reported: string[] = [];
  const report = oncePerBurst((e: Error) => reported.push(e.message), 1_000, () => now);
  for (const at of [0, 200, 900, 1500, 2400]) {
    now = at;
    report(new Error(`at ${at}`));
  }
  now = 3500;
  report(new Error('after calm'));
  assert.equal(reported, ['at 0', 'after calm']);
});

supervision.run();
