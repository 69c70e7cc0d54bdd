import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ChangeDebounce, pickSender, SyslogFrameDecoder, normalizeAddress } from '../src/syslog/index.js';

const it = suite('change debounce (fake clock)');
const W = 60_000;

it('first message backs up at once; messages inside the window fold into one follow-up at its end', () => {
  const d = new ChangeDebounce(W);
  assert.is(d.message('r1', 0), 'backup-now');
  assert.is(d.message('r1', 1_000), 'folded');
  assert.is(d.message('r1', 59_999), 'folded');
  assert.equal(d.due(59_999), []);
  assert.is(d.nextDeadline(), W);
  assert.equal(d.due(W), ['r1']);
  // The follow-up opened the next window: nothing more is due unless another message comes.
  assert.equal(d.due(2 * W), []);
  assert.is(d.openWindows, 0);
  assert.is(d.message('r1', 2 * W + 5), 'backup-now');
});

it('a lone message gets no follow-up; the window then closes', () => {
  const d = new ChangeDebounce(W);
  assert.is(d.message('r1', 0), 'backup-now');
  assert.equal(d.due(W), []);
  assert.is(d.nextDeadline(), undefined);
  assert.is(d.message('r1', W), 'backup-now');
});

it('a device that keeps changing is backed up at most once per window', () => {
  const d = new ChangeDebounce(W);
  let backups = 0;
  for (let t = 0; t < 5 * W; t += 5_000) {
    for (const _ of d.due(t)) backups += 1;
    if (d.message('r1', t) === 'backup-now') backups += 1;
  }
  for (const _ of d.due(5 * W)) backups += 1;
  assert.is(backups, 6); // the first at once, then one follow-up at each of five window ends
});

it('devices are debounced apart', () => {
  const d = new ChangeDebounce(W);
  assert.is(d.message('r1', 0), 'backup-now');
  assert.is(d.message('r2', 10), 'backup-now');
  assert.is(d.message('r1', 20), 'folded');
  assert.equal(d.due(W + 10), ['r1']);
});

it('a clock that jumped over several windows starts the next window now', () => {
  const d = new ChangeDebounce(W);
  d.message('r1', 0);
  d.message('r1', 1);
  assert.equal(d.due(10 * W), ['r1']);
  assert.is(d.nextDeadline(), 11 * W);
});

it('refuses a negative window', () => {
  assert.throws(() => new ChangeDebounce(-1));
});

it.run();

const framing = suite('syslog TCP framing (RFC 6587)');

framing('octet counting, split anywhere, multi-byte characters counted in bytes', () => {
  const decoder = new SyslogFrameDecoder();
  const a = '<189>Nov 30 14:02:11 r1 x: ünïcode';
  const b = '<189>Nov 30 14:02:12 r1 x: second\nwith a newline inside';
  const wire = Buffer.from(`${Buffer.byteLength(a)} ${a}${Buffer.byteLength(b)} ${b}`);
  const out: string[] = [];
  for (let i = 0; i < wire.length; i += 7) out.push(...decoder.push(wire.subarray(i, i + 7)));
  assert.equal(out, [a, b]);
});

framing('newline framing, CRLF and NUL terminators, last line at close', () => {
  const decoder = new SyslogFrameDecoder();
  assert.equal(decoder.push(Buffer.from('<13>one\r\n<13>two\0<13>thr')), ['<13>one', '<13>two']);
  assert.equal(decoder.push(Buffer.from('ee\n\n')), ['<13>three']);
  assert.equal(decoder.push(Buffer.from('<13>tail')), []);
  assert.equal(decoder.end(), ['<13>tail']);
});

framing('both framings on one connection', () => {
  const decoder = new SyslogFrameDecoder();
  assert.equal(decoder.push(Buffer.from('<13>line\n9 <13>count<13>next\n')), ['<13>line', '<13>count', '<13>next']);
});

framing('an absurd frame length or an endless line is refused', () => {
  assert.throws(() => new SyslogFrameDecoder().push(Buffer.from('99999999 <13>x')));
  assert.throws(() => new SyslogFrameDecoder().push(Buffer.from('70000 <13>x')));
  assert.throws(() => new SyslogFrameDecoder().push(Buffer.alloc(70_000, 0x41)));
});

framing.run();

const senders = suite('sender to device');
const dev = (id: string, name: string, hostname: string | null = null) => ({ id, name, host: '127.0.0.1', hostname });

senders('one device at the address: that one, whatever the hostname field says', () => {
  assert.equal(pickSender([dev('d1', 'core-r1')], 'other'), { found: true, deviceId: 'd1', deviceName: 'core-r1' });
  assert.is(pickSender([], 'core-r1').found, false);
});

senders('several at one address: the hostname field picks by name or reported hostname, domain optional', () => {
  const shared = [dev('d1', 'core-r1'), dev('d2', 'Edge Router', 'edge-r2.example.net'), dev('d3', 'core-r1.lab')];
  assert.equal(pickSender(shared, 'edge-r2'), { found: true, deviceId: 'd2', deviceName: 'Edge Router' });
  assert.equal(pickSender(shared, 'EDGE-R2.example.net'), { found: true, deviceId: 'd2', deviceName: 'Edge Router' });
  assert.is(pickSender(shared, 'core-r1').found, false, 'two devices answer to core-r1: ambiguous');
  assert.is(pickSender(shared, undefined).found, false);
  assert.is(pickSender(shared, 'nobody').found, false);
});

senders('IPv4-mapped IPv6 source addresses', () => {
  assert.is(normalizeAddress('::ffff:10.0.0.1'), '10.0.0.1');
  assert.is(normalizeAddress('2001:DB8::1'), '2001:db8::1');
});

senders.run();
