import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceDecider } from '@netraven/domain';
import { eventually } from '@netraven/infra/testing';
import { activeDevicesAtHosts } from '@netraven/projections';
import { SenderDirectory } from '../src/syslog/index.js';
import { closeSchedulerContext, openSchedulerContext, send, type SchedulerContext } from './scheduler-fixture.js';

const it = suite<SchedulerContext>('syslog senders from the devices read model (real Postgres)');
it.before.each(async (ctx) => {
  await openSchedulerContext(ctx);
  for (const [id, name, host] of [['dx', 'edge-x', 'localhost'], ['dr', 'core-r1', 'core-r1.example.net']] as const) {
    await send(ctx, deviceDecider, id, 'RegisterDevice', { deviceId: id, name, host, port: 22, platform: 'cisco_ios', credentialId: 'c1', tags: [] });
  }
  await eventually('devices projected', async () => ((await activeDevicesAtHosts(ctx.db, ['127.0.0.1', 'localhost', 'core-r1.example.net'])).length === 5 ? true : undefined));
});
it.after.each(async (ctx) => closeSchedulerContext(ctx));

it('by address; several at one address: by the hostname field; ::ffff: mapped senders', async (ctx) => {
  const directory = new SenderDirectory(ctx.db, async () => []);
  assert.equal(await directory.find('::ffff:127.0.0.1', 'd2'), { found: true, deviceId: 'd2', deviceName: 'd2' });
  assert.is((await directory.find('127.0.0.1', undefined)).found, false);
  assert.is((await directory.find('198.51.100.1', 'd1')).found, false, 'the right name from the wrong address is no sender');
});

it('devices registered by DNS name: found when the name resolves to the sender (real resolver for localhost)', async (ctx) => {
  const directory = new SenderDirectory(ctx.db);
  assert.equal(await directory.find('127.0.0.1', 'localhost'), { found: true, deviceId: 'dx', deviceName: 'edge-x' });
});

it('a short hostname field finds a device registered by FQDN; the lookup is cached; another address is refused', async (ctx) => {
  const lookups: string[] = [];
  // No public DNS in the test machine: the resolver answers for the documentation name.
  const directory = new SenderDirectory(ctx.db, async (host) => { lookups.push(host); return host === 'core-r1.example.net' ? ['192.0.2.7'] : []; });
  assert.equal(await directory.find('192.0.2.7', 'core-r1'), { found: true, deviceId: 'dr', deviceName: 'core-r1' });
  assert.equal(await directory.find('192.0.2.7', 'core-r1.example.net'), { found: true, deviceId: 'dr', deviceName: 'core-r1' });
  assert.is((await directory.find('192.0.2.8', 'core-r1')).found, false);
  assert.equal(lookups, ['core-r1.example.net']);
  assert.is((await directory.find('192.0.2.7', 'core%')).found, false, 'LIKE wildcards in a hostname field match nothing');
});

it.run();
