import { randomUUID } from 'node:crypto';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_PASSWORD, graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, dispatch, firstJobUpdate, login, registerDevice, scheduleJob, type Answer } from './access-fixture.js';
import { storeVersion } from './config-fixture.js';
import { firstLiveMessage } from './live-fixture.js';

type ActorName = 'anonymous' | 'viewer' | 'operator' | 'admin' | 'scopedOperator' | 'apiToken';
const ACTORS: readonly ActorName[] = ['anonymous', 'viewer', 'operator', 'admin', 'scopedOperator', 'apiToken'];
/** The role each actor has; the API token is an OPERATOR token without tags. */
const RANK: Record<ActorName, number> = { anonymous: 0, viewer: 1, operator: 2, scopedOperator: 2, apiToken: 2, admin: 3 };
const NEEDED = { public: -1, signedIn: 0.5, VIEWER: 1, OPERATOR: 2, ADMIN: 3 } as const;

interface World {
  fx: GatewayFixture;
  credentialId: string;
  tokens: Record<ActorName, string | undefined>;
  passwords: Record<string, string>;
  usernames: Record<ActorName, string>;
}

interface Cell {
  name: string;
  needs: keyof typeof NEEDED;
  /** Codes expected instead of the role rule for particular actors (an API token has no password to change, ...). */
  except?: Partial<Record<ActorName, string>>;
  run(world: World, actor: ActorName, token: string | undefined): Promise<Answer>;
}

const core = ['core'];
type Variables = Record<string, unknown> | ((w: World) => Record<string, unknown> | Promise<Record<string, unknown>>);
const q = (query: string, variables: Variables = {}) =>
  async (w: World, _actor: ActorName, token: string | undefined) => call(w.fx.url, token, query, await (typeof variables === 'function' ? variables(w) : variables));

/** A schedule of the `core` tag, made by the admin: inside the scoped operator's scope. */
const newSchedule = async (w: World): Promise<{ id: string }> => {
  const { createSchedule } = await graphql<{ createSchedule: { id: string } }>(w.fx.url,
    'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', { i: { name: `s-${randomUUID()}`, every: '1h', targets: { tags: core } } });
  return { id: createSchedule.id };
};

/** Two stored versions of a `core` device, made once per matrix run. */
const versionsOf = new WeakMap<World, Promise<{ deviceId: string; from: string; to: string }>>();
const twoVersions = (w: World) => {
  let versions = versionsOf.get(w);
  if (!versions) {
    versions = (async () => {
      const deviceId = await registerDevice(w.fx, w.credentialId, core);
      return { deviceId, from: await storeVersion(w.fx, deviceId, 'hostname m1\n'), to: await storeVersion(w.fx, deviceId, 'hostname m2\n') };
    })();
    versionsOf.set(w, versions);
  }
  return versions;
};

/** A webhook made by the admin; its URL refuses connections at once (nothing listens on port 9). */
const newWebhook = async (w: World): Promise<{ id: string }> => {
  const { createWebhook } = await graphql<{ createWebhook: { id: string } }>(w.fx.url,
    'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }', { i: { url: 'http://127.0.0.1:9/hook', events: ['CONFIG_CHANGED'], secret: 'a-webhook-secret-of-16+' } });
  return { id: createWebhook.id };
};

/** A job of one `core` device whose backup failed: something to re-run. */
const failedJob = async (w: World): Promise<{ id: string }> => {
  const deviceId = await registerDevice(w.fx, w.credentialId, core);
  const jobId = await scheduleJob(w.fx, [deviceId]);
  await dispatch(w.fx, jobId, [deviceId]);
  const metadata = () => newCommandMetadata({ actor: 'system:test' });
  await w.fx.commands.handle(jobDecider, jobId, { type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'w', attempt: 1 }, metadata: metadata() });
  await w.fx.commands.handle(jobDecider, jobId, { type: 'RecordDeviceFailure', data: { jobId, deviceId, category: 'timeout', message: 'slow' }, metadata: metadata() });
  await eventually('the failure is in the read model', async () => {
    const { job } = await graphql<{ job: { status: string } | null }>(w.fx.url, 'query($id: ID!) { job(id: $id) { status } }', { id: jobId });
    return job?.status === 'FAILED' ? true : undefined;
  }, 10_000);
  return { id: jobId };
};

const CELLS: Cell[] = [
  { name: 'login', needs: 'public', run: q('mutation($i: LoginInput!) { login(input: $i) { accessToken user { username role tags } } }', (w) => ({ i: { username: 'viewer', password: w.passwords['viewer'] } })) },
  { name: 'refresh', needs: 'public', run: async (w, _a, token) => {
    const { refreshToken } = await login(w.fx.url, 'viewer', w.passwords['viewer'] ?? '');
    return call(w.fx.url, token, 'mutation($r: String!) { refresh(refreshToken: $r) { accessToken refreshToken user { username } } }', { r: refreshToken });
  } },
  { name: 'me', needs: 'signedIn', run: q('{ me { username role tags kind } }') },
  { name: 'logout', needs: 'signedIn', run: async (w, actor, token) => {
    // A fresh session of the same user, so the matrix keeps its own.
    const own = actor === 'anonymous' || actor === 'apiToken' ? token : (await login(w.fx.url, w.usernames[actor], w.passwords[w.usernames[actor]] ?? '')).accessToken;
    return call(w.fx.url, own, 'mutation { logout }');
  } },
  { name: 'changePassword', needs: 'signedIn', except: { apiToken: 'FORBIDDEN' }, run: async (w, actor, token) => {
    const username = w.usernames[actor];
    const current = w.passwords[username] ?? 'whatever-password';
    const next = `${current}-x`;
    const answer = await call(w.fx.url, token, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { username } }', { i: { currentPassword: current, newPassword: next } });
    if (!answer.errors) w.passwords[username] = next;
    return answer;
  } },
  { name: 'apiTokens', needs: 'VIEWER', run: q('{ apiTokens { id name role tags lastUsedAt } }') },
  { name: 'createApiToken', needs: 'VIEWER', except: { apiToken: 'FORBIDDEN' },
    run: q('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id role tags } } }', { i: { name: `t-${randomUUID()}`, role: 'VIEWER', tags: core } }) },
  { name: 'revokeApiToken', needs: 'VIEWER', except: { apiToken: 'NOT_FOUND' }, run: async (w, actor, token) => {
    const creator = actor === 'apiToken' || actor === 'anonymous' ? w.tokens.admin : token;
    const created = await call<{ createApiToken: { apiToken: { id: string } } }>(w.fx.url, creator,
      'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { apiToken { id } } }', { i: { name: `r-${randomUUID()}`, role: 'VIEWER', tags: core } });
    const id = created.data?.createApiToken.apiToken.id ?? 'none';
    return call(w.fx.url, token, 'mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }', { id });
  } },
  { name: 'devices', needs: 'VIEWER', run: q('{ devices { nodes { id tags snapshots { nodes { commit } } config } } }') },
  { name: 'device', needs: 'VIEWER', run: q('query($id: ID!) { device(id: $id) { id } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, core) })) },
  { name: 'jobs', needs: 'VIEWER', run: q('{ jobs { nodes { id deviceCount devices { nodes { deviceId } } } } }') },
  { name: 'job', needs: 'VIEWER', run: q('query($id: ID!) { job(id: $id) { id logs { message } } }', async (w) => ({ id: await scheduleJob(w.fx, [await registerDevice(w.fx, w.credentialId, core)]) })) },
  { name: 'logs', needs: 'VIEWER', run: q('{ logs(first: 5, filter: { type: job }) { nodes { message type source } pageInfo { hasNextPage endCursor } } }') },
  { name: 'logTypes', needs: 'VIEWER', run: q('{ logTypes }') },
  { name: 'tags', needs: 'VIEWER', run: q('{ tags { name deviceCount credentialCount hasPolicy } }') },
  { name: 'logLevels', needs: 'VIEWER', run: q('{ logLevels }') },
  { name: 'logStats', needs: 'VIEWER', run: q('{ logStats { total byType byLevel lastAt } }') },
  { name: 'job (history)', needs: 'VIEWER', run: q('query($id: ID!) { job(id: $id) { history(first: 5) { nodes { position type actor data } pageInfo { hasNextPage } } } }', async (w) => ({ id: await scheduleJob(w.fx, [await registerDevice(w.fx, w.credentialId, core)]) })) },
  { name: 'job (stateAt)', needs: 'VIEWER', run: q('query($id: ID!) { job(id: $id) { stateAt(at: "2999-01-01T00:00:00Z") { status deviceCount devices { nodes { deviceId } } } } }', async (w) => ({ id: await scheduleJob(w.fx, [await registerDevice(w.fx, w.credentialId, core)]) })) },
  { name: 'device (history)', needs: 'VIEWER', run: q('query($id: ID!) { device(id: $id) { history { nodes { type data } } } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, core) })) },
  { name: 'credentials', needs: 'OPERATOR', run: q('{ credentials { id name } }') },
  { name: 'registerDevice', needs: 'OPERATOR', run: q('mutation($i: RegisterDeviceInput!) { registerDevice(input: $i) { id } }', (w) => ({ i: { name: `r-${randomUUID()}`, host: '10.0.0.9', platform: 'cisco_ios', credentialId: w.credentialId, tags: core } })) },
  { name: 'importDevices', needs: 'OPERATOR', run: q('mutation($i: ImportDevicesInput!) { importDevices(input: $i) { imported errors { reason } } }', (w) => ({ i: { devices: [{ name: `i-${randomUUID()}`, host: '10.0.0.9', platform: 'cisco_ios', credentialId: w.credentialId, tags: core }] } })) },
  { name: 'updateDevice', needs: 'OPERATOR', run: q('mutation($id: ID!) { updateDevice(id: $id, input: { host: "10.9.9.9" }) { host } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, core) })) },
  { name: 'tagDevice', needs: 'OPERATOR', run: q('mutation($id: ID!) { tagDevice(id: $id, tags: ["core"]) { tags } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, ['core', 'x']) })) },
  { name: 'untagDevice', needs: 'OPERATOR', run: q('mutation($id: ID!) { untagDevice(id: $id, tags: ["x"]) { tags } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, ['core', 'x']) })) },
  { name: 'resetHostKey', needs: 'OPERATOR', run: q('mutation($id: ID!) { resetHostKey(id: $id) { id } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, core) })) },
  { name: 'decommissionDevice', needs: 'OPERATOR', run: q('mutation($id: ID!) { decommissionDevice(id: $id, reason: "gone") { status } }', async (w) => ({ id: await registerDevice(w.fx, w.credentialId, core) })) },
  { name: 'scheduleBackup', needs: 'OPERATOR', run: q('mutation($i: ScheduleBackupInput!) { scheduleBackup(input: $i) { id } }', { i: { tags: core } }) },
  { name: 'runJob', needs: 'OPERATOR', run: q('mutation($i: RunJobInput!) { runJob(input: $i) { id type priority } }', { i: { jobType: 'BACKUP', targets: { tags: core } } }) },
  { name: 'cancelJob', needs: 'OPERATOR', run: q('mutation($id: ID!) { cancelJob(id: $id) { id status } }', async (w) => ({ id: await scheduleJob(w.fx, [await registerDevice(w.fx, w.credentialId, core)]) })) },
  { name: 'rerunFailed', needs: 'OPERATOR', run: q('mutation($id: ID!) { rerunFailed(jobId: $id) { id priority rerunOf { id } } }', async (w) => ({ id: (await failedJob(w)).id })) },
  { name: 'queueStatus', needs: 'VIEWER', run: q('{ queueStatus { queue depth inFlight priorities { priority depth } } }') },
  { name: 'schedules', needs: 'VIEWER', run: q('{ schedules { nodes { id name every targets { tags } nextRuns(count: 2) } } }') },
  { name: 'schedule', needs: 'VIEWER', run: q('query($id: ID!) { schedule(id: $id) { id nextRuns } }', newSchedule) },
  { name: 'createSchedule', needs: 'OPERATOR', run: q('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', { i: { name: 'nightly', cron: '0 3 * * *', timezone: 'Europe/Berlin', targets: { tags: core } } }) },
  { name: 'updateSchedule', needs: 'OPERATOR', run: q('mutation($id: ID!) { updateSchedule(id: $id, input: { every: "2h" }) { every } }', newSchedule) },
  { name: 'enableSchedule', needs: 'OPERATOR', run: q('mutation($id: ID!) { enableSchedule(id: $id) { enabled } }', newSchedule) },
  { name: 'disableSchedule', needs: 'OPERATOR', run: q('mutation($id: ID!) { disableSchedule(id: $id) { enabled } }', newSchedule) },
  { name: 'deleteSchedule', needs: 'OPERATOR', run: q('mutation($id: ID!) { deleteSchedule(id: $id) { id } }', newSchedule) },
  { name: 'backupPolicies', needs: 'VIEWER', run: q('{ backupPolicies { tag deviceId volatile secrets staleAfterHours updatedBy } }') },
  { name: 'staleDevices', needs: 'VIEWER', run: q('{ staleDevices { id stale staleSince backupPolicy { staleAfterHours } } }') },
  { name: 'setBackupPolicy', needs: 'ADMIN', run: q('mutation($i: SetBackupPolicyInput!) { setBackupPolicy(input: $i) { tag volatile } }', { i: { tag: 'core', volatile: ['^! Time: '], staleAfterHours: 48 } }) },
  { name: 'removeBackupPolicy', needs: 'ADMIN', run: q('mutation($i: BackupPolicyScopeInput!) { removeBackupPolicy(input: $i) }', { i: { tag: 'core' } }) },
  { name: 'createCredential', needs: 'ADMIN', run: q('mutation($i: CreateCredentialInput!) { createCredential(input: $i) { id } }', { i: { name: `c-${randomUUID()}`, username: 'u', password: 'p-secret' } }) },
  { name: 'updateCredential', needs: 'ADMIN', run: q('mutation($id: ID!) { updateCredential(id: $id, input: { priority: 5 }) { id priority } }', (w) => ({ id: w.credentialId })) },
  { name: 'testCredential', needs: 'OPERATOR', run: q('mutation($c: ID!, $d: ID!) { testCredential(credentialId: $c, deviceId: $d) { ok category } }', async (w) => ({ c: w.credentialId, d: await registerDevice(w.fx, w.credentialId, core) })) },
  { name: 'webhooks', needs: 'ADMIN', run: q('{ webhooks { id url events tags format hasSecret } }') },
  { name: 'webhookDeliveries', needs: 'ADMIN', run: q('query($id: ID!) { webhookDeliveries(webhookId: $id) { id status attemptLog { statusCode } } }', async (w) => ({ id: (await newWebhook(w)).id })) },
  { name: 'createWebhook', needs: 'ADMIN', run: q('mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }', { i: { url: 'https://hooks.example.com/x', events: ['JOB_FAILED'], format: 'SLACK' } }) },
  { name: 'updateWebhook', needs: 'ADMIN', run: q('mutation($id: ID!) { updateWebhook(id: $id, input: { tags: ["core"] }) { tags } }', newWebhook) },
  { name: 'deleteWebhook', needs: 'ADMIN', run: q('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', newWebhook) },
  { name: 'testWebhook', needs: 'ADMIN', run: q('mutation($id: ID!) { testWebhook(id: $id) { ok statusCode error } }', newWebhook) },
  { name: 'users', needs: 'ADMIN', run: q('{ users { nodes { id username role tags disabled } } }') },
  { name: 'createUser', needs: 'ADMIN', run: q('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: `u-${randomUUID()}`, password: 'long-enough-1', role: 'VIEWER', tags: [] } }) },
  { name: 'updateUser', needs: 'ADMIN', run: q('mutation($id: ID!) { updateUser(id: $id, input: { role: OPERATOR }) { role } }', async (w) => ({ id: (await createUser(w.fx, `u-${randomUUID()}`, 'VIEWER')).id })) },
  { name: 'disableUser', needs: 'ADMIN', run: q('mutation($id: ID!) { disableUser(id: $id) { disabled } }', async (w) => ({ id: (await createUser(w.fx, `u-${randomUUID()}`, 'VIEWER')).id })) },
  { name: 'enableUser', needs: 'ADMIN', run: q('mutation($id: ID!) { enableUser(id: $id) { disabled } }', async (w) => ({ id: (await createUser(w.fx, `u-${randomUUID()}`, 'VIEWER')).id })) },
  { name: 'configDiff', needs: 'VIEWER', run: q('query($f: ConfigRef!, $t: ConfigRef!) { configDiff(from: $f, to: $t) { unified stats { added removed } } }', async (w) => {
    const v = await twoVersions(w);
    return { f: { deviceId: v.deviceId, commit: v.from }, t: { deviceId: v.deviceId, commit: v.to } };
  }) },
  { name: 'searchConfigs', needs: 'VIEWER', run: q('{ searchConfigs(query: "hostname", history: true) { nodes { device { id } commit lines { number text context } } pageInfo { hasNextPage } } }') },
  { name: 'jobUpdated (subscription)', needs: 'VIEWER', run: async (w, _a, token) => {
    const deviceId = await registerDevice(w.fx, w.credentialId, core);
    const jobId = await scheduleJob(w.fx, [deviceId]);
    return firstJobUpdate(w.fx.url, token, jobId, () => dispatch(w.fx, jobId, [deviceId]));
  } },
  { name: 'jobsChanged (subscription)', needs: 'VIEWER', run: (w, _a, token) =>
    firstLiveMessage(w.fx, token, 'subscription { jobsChanged(filter: { statuses: [QUEUED] }) { id status } }', async () => {
      await scheduleJob(w.fx, [await registerDevice(w.fx, w.credentialId, core)]);
    }) },
  { name: 'deviceChanged (subscription)', needs: 'VIEWER', run: (w, _a, token) =>
    firstLiveMessage(w.fx, token, 'subscription { deviceChanged(filter: { tags: ["core"] }) { id tags } }', async () => {
      await registerDevice(w.fx, w.credentialId, core);
    }) },
  { name: 'logAdded (subscription)', needs: 'VIEWER', run: (w, _a, token) =>
    firstLiveMessage(w.fx, token, 'subscription { logAdded(filter: { type: job }) { id message type source } }', async () => {
      await scheduleJob(w.fx, [await registerDevice(w.fx, w.credentialId, core)]);
    }) },
];

const matrix = suite<{ world: World }>('permission matrix');

matrix.before(async (ctx) => {
  const fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  const passwords: Record<string, string> = { admin: ADMIN_PASSWORD };
  for (const [username, role, tags] of [['viewer', 'VIEWER', []], ['operator', 'OPERATOR', []], ['scoped', 'OPERATOR', core]] as const) {
    passwords[username] = (await createUser(fx, username, role, [...tags])).password;
  }
  const tokenOf = async (username: string) => (await login(fx.url, username, passwords[username] ?? '')).accessToken;
  const operator = await tokenOf('operator');
  const created = await call<{ createApiToken: { token: string } }>(fx.url, operator,
    'mutation { createApiToken(input: { name: "backup-script", role: OPERATOR, tags: [] }) { token } }');
  const apiToken = created.data?.createApiToken.token;
  assert.ok(apiToken?.startsWith('nrv_'), JSON.stringify(created));
  ctx.world = {
    fx, credentialId: createCredential.id, passwords,
    // The admin acts with the fixture's own session: a password change keeps the session it is made in.
    tokens: { anonymous: undefined, viewer: await tokenOf('viewer'), operator, admin: fx.authorization.slice('Bearer '.length), scopedOperator: await tokenOf('scoped'), apiToken },
    usernames: { anonymous: 'nobody', viewer: 'viewer', operator: 'operator', admin: 'admin', scopedOperator: 'scoped', apiToken: 'backup-script' },
  };
});
matrix.after(async (ctx) => {
  await ctx.world.fx.dispose();
});

for (const cell of CELLS) {
  matrix(`${cell.name} (needs ${cell.needs})`, async ({ world }) => {
    for (const actor of ACTORS) {
      const answer = await cell.run(world, actor, world.tokens[actor]);
      const expected = cell.except?.[actor]
        ?? (RANK[actor] >= NEEDED[cell.needs] ? undefined : actor === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      const where = `${cell.name} as ${actor}: ${JSON.stringify(answer).slice(0, 300)}`;
      if (expected === undefined) {
        assert.is(answer.errors, undefined, where);
        assert.ok(answer.data && Object.values(answer.data).every((v) => v !== null), where);
      } else {
        assert.is(codeOf(answer), expected, where);
      }
    }
  });
}

matrix('every operation of the schema is in the matrix', async ({ world }) => {
  const { __schema } = await graphql<{ __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> }; subscriptionType: { fields: Array<{ name: string }> } } }>(world.fx.url,
    '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }');
  const inSchema = [...__schema.queryType.fields, ...__schema.mutationType.fields, ...__schema.subscriptionType.fields].map((f) => f.name).sort();
  // A field of a type (`job (history)`) is a cell of its own under its root operation.
  const inMatrix = [...new Set(CELLS.map((c) => c.name.split(' ')[0] ?? ''))].sort();
  assert.equal(inSchema, inMatrix);
});

matrix.run();
