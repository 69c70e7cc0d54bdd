import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually } from '@netraven/infra/testing';
import type { FollowerRun } from '@netraven/infra/supervision';
import { pickSender, SyslogListener, type SyslogBackupRequest } from '../src/syslog/index.js';
import { SAMPLES } from './syslog-samples.js';

interface Ctx {
  now: number;
  requests: SyslogBackupRequest[];
  ignored: Array<{ address: string; reason: string }>;
  folded: number;
  listener: SyslogListener;
  run: FollowerRun;
  port: number;
}

const W = 60_000;
const it = suite<Ctx>('syslog listener on real sockets, fake clock for the window');

it.before.each(async (ctx) => {
  ctx.now = Date.parse('2026-11-30T14:00:00Z');
  ctx.requests = [];
  ctx.ignored = [];
  ctx.folded = 0;
  // The directory of the lab: two devices behind one address (mx204-edge, dc1-spine1).
  const devices = [{ id: 'd-mx', name: 'mx204-edge', host: '127.0.0.1', hostname: null }, { id: 'd-spine', name: 'dc1-spine1', host: '127.0.0.1', hostname: null }];
  ctx.listener = new SyslogListener({
    port: 0, host: '127.0.0.1', debounceMs: W, clock: () => new Date(ctx.now),
    senders: { find: async (address, hostname) => pickSender(devices.filter((d) => d.host === address), hostname) },
    backUp: async (request) => { ctx.requests.push(request); return `job-${ctx.requests.length}`; },
    onIgnored: (ignored) => ctx.ignored.push(ignored),
    onFolded: () => { ctx.folded += 1; },
  });
  ctx.run = await ctx.listener.follow();
  ctx.port = ctx.listener.address?.port ?? 0;
});
it.after.each(async (ctx) => ctx.run.stop());

async function udp(port: number, message: string): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => socket.send(message, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  socket.close();
}

it('first change at once; later ones fold into one follow-up carrying the last change', async (ctx) => {
  await udp(ctx.port, SAMPLES.junos);
  await eventually('the first backup', async () => (ctx.requests.length === 1 ? true : undefined), 5_000);
  assert.equal({ ...ctx.requests[0], change: ctx.requests[0]?.change.kind }, { deviceId: 'd-mx', deviceName: 'mx204-edge', address: '127.0.0.1', change: 'juniper-junos', followUp: false });
  ctx.now += 10_000;
  await udp(ctx.port, SAMPLES.junosCommit.replace(' R1 ', ' mx204-edge '));
  // TCP, octet counting: a Junos commit in RFC 5424 from the same box.
  const socket = connect(ctx.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.end(`${Buffer.byteLength(SAMPLES.junos5424)} ${SAMPLES.junos5424}`);
  await eventually('both folded', async () => (ctx.folded === 2 ? true : undefined), 5_000);
  assert.is(ctx.requests.length, 1, 'folded, not backed up again');
  ctx.now += W;
  await ctx.listener.flushDue();
  assert.is(ctx.requests.length, 2);
  assert.is(ctx.requests[1]?.followUp, true);
  assert.is(ctx.requests[1]?.deviceId, 'd-mx');
});

it('a shared address without a matching hostname, and unrelated messages: nothing backed up, each reason once', async (ctx) => {
  await udp(ctx.port, SAMPLES.iosSeq); // no hostname field, two devices at 127.0.0.1
  await udp(ctx.port, SAMPLES.iosSeq);
  await udp(ctx.port, SAMPLES.bgp);
  await udp(ctx.port, SAMPLES.bgp);
  await udp(ctx.port, SAMPLES.eos); // dc1-spine1: found
  await eventually('the spine backed up', async () => (ctx.requests.length === 1 ? true : undefined), 5_000);
  await eventually('both reasons logged', async () => (ctx.ignored.length >= 2 ? true : undefined), 5_000);
  assert.is(ctx.requests[0]?.deviceId, 'd-spine');
  assert.equal(ctx.ignored.map((i) => i.reason.split(':')[0]).sort(), ['not a configuration-change message', 'unknown sender']);
});

it.run();
