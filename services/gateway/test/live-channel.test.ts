import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Channel } from '../src/live/channel.js';

test('a subscriber’s channel keeps what arrives before its first read, in order', async () => {
  let closed = 0;
  const channel = new Channel<string>(10, () => closed++);
  channel.push('a');
  channel.push('b');
  assert.equal(await channel.next(), { value: 'a', done: false });
  assert.equal(await channel.next(), { value: 'b', done: false });
  const [third, fourth] = [channel.next(), channel.next()];
  channel.push('c');
  channel.push('d');
  assert.equal(await Promise.all([third, fourth]), [{ value: 'c', done: false }, { value: 'd', done: false }], 'waiting reads are answered in order');
  await channel.return();
  await channel.return();
  assert.is(closed, 1, 'leaving closes once');
  channel.push('e');
  assert.equal(await channel.next(), { value: undefined, done: true }, 'nothing after leaving');
});

test('a subscriber further behind than the limit is ended with an error, and its feed let go', async () => {
  let closed = 0;
  const channel = new Channel<number>(3, () => closed++);
  for (let i = 0; i < 4; i++) channel.push(i);
  try {
    await channel.next();
    assert.unreachable('a subscriber four behind with a limit of three is ended');
  } catch (error) {
    assert.match(String(error), /fell more than 3 messages behind/);
  }
  assert.is(closed, 1);
  assert.equal(await channel.next(), { value: undefined, done: true });
});

test('a waiting reader is answered by the next push, and a long backlog drains in order', async () => {
  const channel = new Channel<number>(5000, () => undefined);
  const first = channel.next();
  channel.push(0);
  assert.equal(await first, { value: 0, done: false });
  for (let i = 1; i <= 4000; i++) channel.push(i);
  for (let i = 1; i <= 4000; i++) assert.equal(await channel.next(), { value: i, done: false });
});

test.run();
