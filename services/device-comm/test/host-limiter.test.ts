import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HostLimiter } from '../src/worker/host-limiter.js';

test('never runs more than the limit per endpoint, while other endpoints proceed, in arrival order', async () => {
  const limiter = new HostLimiter(2);
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const order: string[] = [];
  const job = (endpoint: string, id: string) =>
    limiter.run(endpoint, async () => {
      running.set(endpoint, (running.get(endpoint) ?? 0) + 1);
      peak.set(endpoint, Math.max(peak.get(endpoint) ?? 0, running.get(endpoint)!));
      order.push(id);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running.set(endpoint, running.get(endpoint)! - 1);
    });
  await Promise.all([
    ...Array.from({ length: 6 }, (_, i) => job('10.0.0.1:22', `a${i}`)),
    ...Array.from({ length: 3 }, (_, i) => job('10.0.0.2:22', `b${i}`)),
  ]);
  assert.is(peak.get('10.0.0.1:22'), 2);
  assert.is(peak.get('10.0.0.2:22'), 2);
  assert.equal(order.filter((id) => id.startsWith('a')), ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  assert.ok(order.indexOf('b0') < order.indexOf('a2'), 'another endpoint does not wait behind a busy one');
});

test('a failing session frees its slot', async () => {
  const limiter = new HostLimiter(1);
  await limiter.run('h:22', async () => { throw new Error('boom'); }).catch(() => undefined);
  assert.is(await limiter.run('h:22', async () => 'next'), 'next');
});

test('refuses a limit below one', () => {
  assert.throws(() => new HostLimiter(0), /positive integer/);
});

test.run();
