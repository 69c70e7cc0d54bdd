import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { printSchema } from 'graphql';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { schema } from '../src/index.js';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';

const gateway = suite<{ fx: GatewayFixture }>('GraphQL gateway');
gateway.before.each(async (ctx) => {
  ctx.fx = await openGatewayFixture();
});
gateway.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

gateway('keeps the public operation names and arguments users script against', () => {
  const sdl = printSchema(schema);
  for (const signature of [
    'createCredential(input: CreateCredentialInput!): Credential!',
    'registerDevice(input: RegisterDeviceInput!): Device!',
    'scheduleBackup(input: ScheduleBackupInput!): Job!',
    'device(id: ID!): Device',
    'job(id: ID!): Job',
    'jobUpdated(id: ID!): Job!',
  ]) {
    assert.ok(sdl.includes(signature), `schema has ${signature}`);
  }
  const query = schema.getQueryType()?.getFields() ?? {};
  for (const [list, connection, args] of [
    ['devices', 'DeviceConnection!', ['first', 'after', 'limit', 'tag', 'includeDecommissioned', 'text', 'platform', 'status', 'sort']],
    ['jobs', 'JobConnection!', ['first', 'after', 'limit', 'status', 'kind', 'since', 'until', 'sort']],
  ] as const) {
    assert.is(String(query[list]?.type), connection, `${list} is a connection`);
    for (const arg of args) assert.ok(query[list]?.args.some((a) => a.name === arg), `${list} takes ${arg}`);
  }
  const credentialType = sdl.slice(sdl.indexOf('type Credential {'), sdl.indexOf('}', sdl.indexOf('type Credential {')));
  assert.not.match(credentialType, 'password', 'Credential never exposes a password');
});

gateway('credentials: the secret goes to the vault, only a fingerprint comes back', async ({ fx }) => {
  const { createCredential } = await graphql<{ createCredential: { id: string; fingerprint: string } }>(fx.url,
    `mutation { createCredential(input: { name: "core", username: "netops", password: "s3cr3t!" }) { id fingerprint } }`);
  const events = await fx.store.readAll({ filter: { streamPrefixes: ['credential-'] } });
  assert.is(events.length, 1);
  const asText = JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  assert.not.match(asText, 's3cr3t!', 'the secret never enters an event');
  const { credentials } = await graphql<{ credentials: Array<{ id: string; username: string }> }>(fx.url, '{ credentials { id username } }');
  assert.equal(credentials, [{ id: createCredential.id, username: 'netops' }]);
  const secretRef = (events[0]?.data as { secretRef: string }).secretRef;
  assert.equal(await fx.vault.reveal(secretRef), { username: 'netops', password: 's3cr3t!' });
});

gateway('inventory mutations answer with what a query then returns', async ({ fx }) => {
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(fx.url,
    `mutation { createCredential(input: { name: "c", username: "u", password: "p" }) { id } }`);
  const { registerDevice } = await graphql<{ registerDevice: { id: string; port: number; tags: string[] } }>(fx.url,
    `mutation($c: ID!) { registerDevice(input: { name: "sw1", host: "10.1.1.1", platform: "cisco_ios", credentialId: $c, tags: ["access", "bldg-2"] }) { id port tags } }`,
    { c: createCredential.id });
  assert.is(registerDevice.port, 22);
  const id = registerDevice.id;
  const { tagDevice } = await graphql<{ tagDevice: { tags: string[] } }>(fx.url, `mutation($id: ID!) { tagDevice(id: $id, tags: ["pci"]) { tags } }`, { id });
  assert.equal(tagDevice.tags, ['access', 'bldg-2', 'pci']);
  const { updateDevice } = await graphql<{ updateDevice: { host: string } }>(fx.url, `mutation($id: ID!) { updateDevice(id: $id, input: { host: "10.1.1.2" }) { host } }`, { id });
  assert.is(updateDevice.host, '10.1.1.2');
  const { devices } = await graphql<{ devices: { nodes: Array<{ id: string }> } }>(fx.url, `{ devices(tag: "pci") { nodes { id } } }`);
  assert.equal(devices.nodes, [{ id }]);
  await graphql(fx.url, `mutation($id: ID!) { decommissionDevice(id: $id, reason: "replaced") { status } }`, { id });
  try {
    await graphql(fx.url, `mutation($id: ID!) { tagDevice(id: $id, tags: ["x"]) { id } }`, { id });
    assert.unreachable('a decommissioned device takes no more changes');
  } catch (error) {
    assert.match((error as Error).message, /^CONFLICT: /);
  }
  try {
    await graphql(fx.url, `mutation($c: ID!) { registerDevice(input: { name: "x", host: "h", platform: "vendor_x", credentialId: $c }) { id } }`, { c: createCredential.id });
    assert.unreachable('unknown platform');
  } catch (error) {
    assert.match((error as Error).message, /BAD_USER_INPUT: unknown platform "vendor_x"/);
  }
});

gateway('jobUpdated streams each change of a job over server-sent events', async ({ fx }) => {
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(fx.url,
    `mutation { createCredential(input: { name: "c", username: "u", password: "p" }) { id } }`);
  const { registerDevice: { id: d1 } } = await graphql<{ registerDevice: { id: string } }>(fx.url,
    `mutation($c: ID!) { registerDevice(input: { name: "sw1", host: "10.1.1.1", platform: "cisco_ios", credentialId: $c }) { id } }`,
    { c: createCredential.id });
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string; status: string } }>(fx.url,
    `mutation($d: ID!) { scheduleBackup(input: { deviceIds: [$d] }) { id status } }`, { d: d1 });
  const jobId = scheduleBackup.id;
  const controller = new AbortController();
  const response = await fetch(fx.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: fx.authorization },
    body: JSON.stringify({ query: `subscription($id: ID!) { jobUpdated(id: $id) { status succeeded } }`, variables: { id: jobId } }),
    signal: controller.signal,
  });
  assert.is(response.status, 200);
  const statuses: string[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (const match of buffer.matchAll(/data: (\{.*\})\n/g)) {
        const payload = JSON.parse(match[1] ?? '{}') as { data?: { jobUpdated?: { status: string } } };
        if (payload.data?.jobUpdated) statuses.push(payload.data.jobUpdated.status);
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      if (statuses.includes('COMPLETED')) break;
    }
  })();
  // The subscription answers at once with the job as it stands: from then on it is live.
  const liveDeadline = Date.now() + 10_000;
  while (statuses.length === 0 && Date.now() < liveDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(statuses, ['QUEUED'], 'the job as it stands comes first');
  const meta = () => newCommandMetadata({ actor: 'test' });
  await fx.commands.handle(jobDecider, jobId, { type: 'DispatchJob', data: { jobId, deviceIds: [d1] }, metadata: meta() });
  await fx.commands.handle(jobDecider, jobId, { type: 'StartDeviceBackup', data: { jobId, deviceId: d1, workerId: 'w', attempt: 1 }, metadata: meta() });
  // Updates that land in one projector batch arrive as one notice; wait to see RUNNING on its own.
  const runningDeadline = Date.now() + 10_000;
  while (!statuses.includes('RUNNING') && Date.now() < runningDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await fx.commands.handle(jobDecider, jobId, {
    type: 'RecordSnapshot',
    data: { jobId, deviceId: d1, commit: 'abc', changed: true, sha256: 'b'.repeat(64), size: 10, facts: {} },
    metadata: meta(),
  });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no COMPLETED within 10 s; saw ${statuses.join(',')}`)), 10_000));
  await Promise.race([reading, timeout]);
  controller.abort();
  assert.ok(statuses.includes('RUNNING'), `saw RUNNING in ${statuses.join(',')}`);
  assert.is(statuses[statuses.length - 1], 'COMPLETED');
});

gateway.run();
