import { parseArgs } from 'node:util';
import { ApiError, NetRavenApi } from './api-client.js';
import { renderState, renderTimeline, type HistoryEvent, type JobState } from './audit-timeline.js';

const USAGE = 'Usage: netraven audit job <id> [--at <time|position>] [--json] [--url URL]   (NETRAVEN_TOKEN: the bearer token)';
const PAGE = 1000;

// A job's devices page at most 1,000 at a time; past that the timeline names the others by id.
const STATE_FIELDS = 'status deviceCount succeeded failed cancelled devices(first: 1000) { nodes { deviceId status attempts errorCategory errorMessage commit changed } }';
const JOB = `query($id: ID!, $first: Int!, $after: String) { job(id: $id) {
  id status requestedBy devices(first: 1000) { nodes { deviceId device { name } } }
  history(first: $first, after: $after) { nodes { position stream type at actor correlationId causationId data } pageInfo { hasNextPage endCursor } } } }`;
const STATE_AT = `query($id: ID!, $at: DateTime, $position: Int) { job(id: $id) { stateAt(at: $at, position: $position) { ${STATE_FIELDS} } } }`;

interface JobPage {
  id: string;
  status: string;
  requestedBy: string;
  devices: { nodes: Array<{ deviceId: string; device: { name: string } | null }> };
  history: { nodes: HistoryEvent[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

type PagedState = Omit<JobState, 'devices'> & { devices: { nodes: JobState['devices'] } };

/** `netraven audit job <id>`: a client of the GraphQL API like every operator command, so access rules apply. */
export async function auditCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const parsed = sub === 'job' ? parseOptions(rest) : undefined;
  if (!parsed) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  try {
    await auditJob(NetRavenApi.fromEnvironment(parsed.url), parsed);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  }
}

interface Options { id: string; at?: { at: string } | { position: number }; json: boolean; url?: string }

function parseOptions(args: string[]): Options | undefined {
  let values: { at?: string; json?: boolean; url?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { at: { type: 'string' }, json: { type: 'boolean', default: false }, url: { type: 'string' } },
    }));
  } catch (error) {
    console.error((error as Error).message);
    return undefined;
  }
  const [id] = positionals;
  if (!id || positionals.length > 1) return undefined;
  let at: Options['at'];
  if (values.at !== undefined) {
    // A whole number is a log position (the `#N` of the timeline); anything else must be a time.
    if (/^\d+$/.test(values.at)) at = { position: Number(values.at) };
    else if (!Number.isNaN(Date.parse(values.at))) at = { at: new Date(values.at).toISOString() };
    else {
      console.error(`--at needs a time (e.g. 2026-11-30T14:00:00Z) or a position, got "${values.at}"`);
      return undefined;
    }
  }
  return { id, json: values.json ?? false, ...(at ? { at } : {}), ...(values.url ? { url: values.url } : {}) };
}

async function auditJob(api: NetRavenApi, options: Options): Promise<void> {
  const history: HistoryEvent[] = [];
  let job: JobPage | undefined;
  let after: string | undefined;
  do {
    const page = await api.request<{ job: JobPage | null }>(JOB, { id: options.id, first: PAGE, ...(after ? { after } : {}) });
    if (!page.job) throw new ApiError(`NOT_FOUND: job ${options.id} not found`, 'NOT_FOUND');
    job = page.job;
    history.push(...job.history.nodes);
    after = job.history.pageInfo.hasNextPage ? job.history.pageInfo.endCursor : undefined;
  } while (after);
  const paged = options.at
    ? (await api.request<{ job: { stateAt: PagedState | null } | null }>(STATE_AT, { id: options.id, ...options.at })).job?.stateAt ?? null
    : undefined;
  const state: JobState | null | undefined = paged && { ...paged, devices: paged.devices.nodes };

  const names = new Map(job.devices.nodes.map((d) => [d.deviceId, d.device?.name ?? d.deviceId]));
  const nameOf = (deviceId: string): string => names.get(deviceId) ?? deviceId;
  if (options.json) {
    const { history: _paged, ...summary } = job;
    console.log(JSON.stringify({ job: summary, history, ...(options.at ? { at: options.at, stateAt: state } : {}) }, null, 2));
    return;
  }
  const lines = [`Job ${job.id}: ${job.status}, requested by ${job.requestedBy}`, ...renderTimeline(history, nameOf)];
  if (options.at) {
    const label = 'at' in options.at ? options.at.at : `position ${options.at.position}`;
    lines.push('', ...renderState(label, state ?? null, nameOf));
  }
  console.log(lines.join('\n'));
}
