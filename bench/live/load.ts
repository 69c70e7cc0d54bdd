import { randomUUID } from 'node:crypto';
import { jobDecider, NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, PostgresEventStore, UpcastingEventStore } from '@netraven/infra/eventstore';

/**
 * The load, in a process of its own as the scheduler and workers are: told `{ connectionString,
 * rate, total }` over IPC, it schedules `total` backup jobs at `rate` per second (one event each)
 * and reports when each command was accepted (appended; wall clock, ms with fractions).
 */
interface Start { connectionString: string; rate: number; total: number }

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

process.once('message', (message: Start) => void run(message));

async function run({ connectionString, rate, total }: Start): Promise<void> {
  const store = new UpcastingEventStore(await PostgresEventStore.open({ connectionString, poolSize: 20 }), NETRAVEN_EVENT_SCHEMAS);
  const commands = new CommandHandler(store);
  const accepted: Array<[string, number]> = [];
  const inFlight: Array<Promise<void>> = [];
  const begin = now();
  for (let i = 0; i < total; i++) {
    const wait = begin + (i * 1000) / rate - now();
    if (wait > 1) await sleep(wait);
    const jobId = randomUUID();
    inFlight.push(commands.handle(jobDecider, jobId, {
      type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [], tags: ['bench'] } },
      metadata: newCommandMetadata({ actor: 'system:bench' }),
    }).then(() => { accepted.push([jobId, now()]); }));
  }
  await Promise.all(inFlight);
  const seconds = (now() - begin) / 1000;
  await store.close();
  process.send?.({ accepted, seconds }, () => process.exit(0));
}
