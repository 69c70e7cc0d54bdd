import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freshTestDatabase } from '@netraven/infra/testing';
import { percentile, report } from '../support/metrics.js';
import { note, sleep } from '../eventstore/report.js';
import { startBenchGateway } from './bench-gateway.js';
import { databaseCpuSeconds } from './database-cpu.js';
import { watchJobsPage, type JobsPageWatch } from './browser-page.js';

/**
 * Live subscription latency. Three processes: NetRaven's gateway and projectors (this one), the load
 * (backup jobs scheduled at a fixed rate, one event each, as a scheduler would) and N subscribers over
 * WebSocket (half `jobsChanged`, half `logAdded`). Each latency runs from the command accepted (its
 * event appended) to the payload received by a subscriber: projection, change notice, the shared
 * read, GraphQL execution per subscriber and the socket. stdout: one JSON object per line.
 */
const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    'warmup-seconds': { type: 'string', default: '2' },
    /** `in-process`: projectors in the gateway's process (standalone); `apart`: in their own (distributed mode). */
    projector: { type: 'string', default: 'in-process' },
    /** Also open the web console's Jobs page in Chromium and time each new job's row from accepted to painted. */
    browser: { type: 'boolean', default: false },
  },
});
const subscribers = Number(values.subscribers);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const warmup = Number(values['warmup-seconds']);
const now = (): number => performance.timeOrigin + performance.now();

const QUERIES = {
  jobsChanged: 'subscription { jobsChanged(filter: { statuses: [QUEUED] }) { id status deviceCount targets { tags } } }',
  logAdded: 'subscription { logAdded(filter: { type: job }) { id jobId level type source message at } }',
} as const;

if (values.projector !== 'in-process' && values.projector !== 'apart') throw new Error('--projector is in-process or apart');
const topology = values.projector;
const database = await freshTestDatabase('netraven_bench_live');
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const projectors = topology === 'apart' ? fork(here('./projector-process.ts'), [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }) : undefined;
if (projectors) {
  const ready = new Promise<void>((resolve) => projectors.once('message', () => resolve()));
  projectors.send({ connectionString: database.connectionString });
  await ready;
}
const webRoot = here('../../web/dist');
if (values.browser && !existsSync(`${webRoot}/index.html`)) throw new Error('--browser needs the built console: npm run build -w web');
const gateway = await startBenchGateway(database.connectionString, topology, values.browser ? webRoot : undefined);
let jobsPage: JobsPageWatch | undefined;
const child = fork(here('./subscribers.ts'), [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
try {
  const subscriptions = Array.from({ length: subscribers }, (_, i) => {
    const field = i % 2 === 0 ? 'jobsChanged' as const : 'logAdded' as const;
    return { field, query: QUERIES[field] };
  });
  const started = new Promise<void>((resolve) => child.once('message', () => resolve()));
  child.send({ type: 'start', url: gateway.url, token: gateway.token, subscriptions });
  await started;
  const deadline = Date.now() + 30_000;
  while (gateway.feeds.subscribers < subscribers) {
    if (Date.now() > deadline) throw new Error(`only ${gateway.feeds.subscribers} of ${subscribers} subscriptions listening after 30 s`);
    await sleep(20);
  }
  if (values.browser) jobsPage = await watchJobsPage(gateway.url.replace(/\/graphql$/, ''), gateway.admin);
  note(`${subscribers} subscribers listening${jobsPage ? ', the Jobs page open' : ''}; scheduling ${rate} jobs/s for ${warmup} + ${seconds} s`);

  const cpuBefore = process.cpuUsage();
  const databaseCpuBefore = await databaseCpuSeconds(database.name);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const total = Math.round(rate * (warmup + seconds));
  const measuredFrom = now() + warmup * 1000;
  const loader = fork(here('./load.ts'), [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const loaded = new Promise<{ accepted: Array<[string, number]>; seconds: number }>((resolve, reject) => {
    loader.once('message', (message) => resolve(message as never));
    loader.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the load process exited with ${code}`))));
  });
  loader.send({ connectionString: database.connectionString, rate, total });
  const { accepted: acceptedList, seconds: issuedIn } = await loaded;
  const accepted = new Map(acceptedList);
  const cpu = process.cpuUsage(cpuBefore);
  const databaseCpu = (await databaseCpuSeconds(database.name)) - databaseCpuBefore;
  loopDelay.disable();
  // The last payloads get 3 s to arrive; any still missing then are counted as `missing`.
  const records = await new Promise<{ received: Array<{ subscriber: number; jobId: string; at: number }>; failures: string[]; cpuSeconds: number }>((resolve) => {
    setTimeout(() => {
      child.once('message', (message) => resolve(message as never));
      child.send({ type: 'stop' });
    }, 3000);
  });
  const latencies: number[] = [];
  const bySubscription: Record<string, number[]> = { jobsChanged: [], logAdded: [] };
  let missing = 0;
  for (const r of records.received) {
    const at = accepted.get(r.jobId);
    if (at === undefined || at < measuredFrom) continue;
    const latency = Math.max(0, r.at - at);
    latencies.push(latency);
    bySubscription[subscriptions[r.subscriber]!.field]!.push(latency);
  }
  const measuredJobs = [...accepted.values()].filter((at) => at >= measuredFrom).length;
  missing = measuredJobs * subscribers - latencies.length;
  const context = { subscribers, eventsPerSecond: rate, seconds, issuedEventsPerSecond: Math.round((total / issuedIn) * 10) / 10, transport: 'graphql-ws', projector: topology, messages: latencies.length, missing, failures: records.failures.length, subscriberCpuSeconds: Math.round(records.cpuSeconds * 100) / 100 };
  report('live.subscription_latency_p50', percentile(latencies, 50), 'ms', { ...context, gatewayCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100, databaseCpuSeconds: Math.round(databaseCpu * 100) / 100, gatewayEventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e4) / 100, loadAverage: loadavg()[0] });
  const projection = [...accepted].filter(([, at]) => at >= measuredFrom).map(([jobId, at]) => (gateway.projected.get(jobId) ?? Number.NaN) - at).filter((ms) => !Number.isNaN(ms));
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  const stage = (from: Map<string, number> | undefined, to: Map<string, number>): number[] => [...accepted]
    .filter(([, at]) => at >= measuredFrom)
    .map(([jobId, at]) => (to.get(jobId) ?? Number.NaN) - (from ? from.get(jobId) ?? Number.NaN : at))
    .filter((ms) => !Number.isNaN(ms));
  const read = stage(undefined, gateway.handedOver);
  const applied = stage(gateway.handedOver, gateway.projected);
  report('live.projection_share_p50', percentile(projection, 50), 'ms', {
    p99: round(percentile(projection, 99)), from: 'command accepted', to: 'jobs projector committed and announced',
    // In-process only: the projectors of `apart` run in another process.
    ...(read.length > 0 ? { readP50: round(percentile(read, 50)), readP99: round(percentile(read, 99)), applyP50: round(percentile(applied, 50)), applyP99: round(percentile(applied, 99)) } : {}),
  });
  report('live.subscription_latency_p99', percentile(latencies, 99), 'ms', { max: Math.round(latencies.reduce((a, b) => Math.max(a, b), 0) * 100) / 100 });
  for (const [field, values] of Object.entries(bySubscription)) {
    report(`live.subscription_latency_p99_${field}`, percentile(values, 99), 'ms', { p50: Math.round(percentile(values, 50) * 100) / 100 });
  }
  if (jobsPage) {
    const painted = await jobsPage.collect();
    const visible = stage(undefined, painted);
    report('web.event_visible_p50', percentile(visible, 50), 'ms', { page: 'jobs', from: 'command accepted', to: 'job row painted', rows: visible.length, notShown: measuredJobs - visible.length });
    report('web.event_visible_p99', percentile(visible, 99), 'ms', { max: round(visible.reduce((a, b) => Math.max(a, b), 0)) });
  }
  if (records.failures.length > 0) note(`failures: ${records.failures.slice(0, 3).join(' | ')}`);
} finally {
  await jobsPage?.close();
  if (child.connected) child.kill();
  await gateway.close();
  if (projectors?.connected) {
    const exited = new Promise<void>((resolve) => projectors.once('exit', () => resolve()));
    projectors.send({ type: 'stop' });
    const killer = setTimeout(() => projectors.kill(), 10_000);
    await exited;
    clearTimeout(killer);
  }
  await database.drop();
}
