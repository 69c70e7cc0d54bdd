import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stalenessDecider, type StalenessCommand } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, createUser, login, registerDevice } from './access-fixture.js';

const it = suite<{ fx: GatewayFixture; credentialId: string }>('gateway: devices(stale: Boolean)');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
it.after(async (ctx) => ctx.fx.dispose());

/** What the staleness watch issues for a device turning stale or fresh. */
async function mark(fx: GatewayFixture, deviceId: string, stale: boolean): Promise<void> {
  const command: StalenessCommand = stale
    ? { type: 'MarkDeviceStale', data: { deviceId, lastSuccessAt: null, staleAfterHours: 26 }, metadata: newCommandMetadata({ actor: 'system:staleness' }) }
    : { type: 'MarkDeviceFresh', data: { deviceId, lastSuccessAt: new Date().toISOString() }, metadata: newCommandMetadata({ actor: 'system:staleness' }) };
  await fx.commands.handle(stalenessDecider, deviceId, command);
}

type Page = { totalCount: number; nodes: Array<{ id: string; stale: boolean }> };
const list = async (fx: GatewayFixture, args: string, token = fx.authorization.slice(7)): Promise<Page> => {
  const answer = await call<{ devices: Page }>(fx.url, token, `{ devices(${args}) { totalCount nodes { id stale } } }`);
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.devices;
};
const ids = (page: Page) => page.nodes.map((n) => n.id).sort();

it('stale: true lists the stale devices, false the others; with tags, scopes and totalCount', async ({ fx, credentialId }) => {
  const core = await registerDevice(fx, credentialId, ['core']);
  const edge = await registerDevice(fx, credentialId, ['edge']);
  const fine = await registerDevice(fx, credentialId, ['edge']);
  await mark(fx, core, true);
  await mark(fx, edge, true);
  // A page's nodes and its totalCount are two statements: the second mark may be projected between them.
  const stale = await eventually('both marked in the read model', async () => {
    const page = await list(fx, 'stale: true');
    return page.totalCount === 2 && page.nodes.length === 2 ? page : undefined;
  });
  assert.equal(ids(stale), [core, edge].sort());
  assert.ok(stale.nodes.every((n) => n.stale));
  const others = await list(fx, 'stale: false');
  assert.equal(ids(others), [fine]);
  assert.is(others.totalCount, 1);
  assert.equal(ids(await list(fx, 'stale: true, tag: "edge"')), [edge]);
  assert.is((await list(fx, 'first: 10')).totalCount, 3, 'no filter: every device');

  await createUser(fx, 'edge-reader', 'VIEWER', ['edge']);
  const { accessToken } = await login(fx.url, 'edge-reader', 'edge-reader-password');
  const scoped = await list(fx, 'stale: true', accessToken);
  assert.equal([ids(scoped), scoped.totalCount], [[edge], 1]);

  await mark(fx, core, false);
  await eventually('fresh again', async () => {
    const page = await list(fx, 'stale: true');
    return page.totalCount === 1 && page.nodes.length === 1 ? true : undefined;
  });
  assert.equal(ids(await list(fx, 'stale: false')), [core, fine].sort());
});

it.run();
