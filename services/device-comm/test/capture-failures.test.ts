import { createServer } from 'node:net';
import type { FailureCategory } from '@netraven/domain';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CaptureOptions, CaptureTarget } from '../src/capture/index.js';
import { ciscoIos } from '../src/platforms/index.js';
import { captureFailure, labTarget } from './capture-failure-helpers.js';
import { waitForNoConnections } from './lab-expectations.js';

const it = suite('capture failures, each in its category');
const options: CaptureOptions = { connectTimeoutMs: 1_500, commandTimeoutMs: 1_500 };
let lab: DeviceLab;

const targetOf = (name: string): CaptureTarget => labTarget(lab, name);
const failure = (target: CaptureTarget, overrides: Partial<CaptureOptions> = {}) => captureFailure(target, { ...options, ...overrides });

async function expectCategory(category: FailureCategory, target: CaptureTarget, message: RegExp, overrides: Partial<CaptureOptions> = {}): Promise<number> {
  const { error, elapsedMs } = await failure(target, overrides);
  assert.is(error.category, category, error.message);
  assert.match(error.message, message);
  return elapsedMs;
}

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'healthy' },
      { name: 'wedged', faults: { hangOnConnect: true } },
      { name: 'stuck', faults: { hangOnCommand: 'show running-config' } },
      { name: 'flaky', faults: { dropDuringConfig: true } },
      { name: 'odd-prompt', faults: { unrecognisablePrompt: true } },
      { name: 'truncated' },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('wrong password: auth', async () => {
  await expectCategory('auth', { ...targetOf('healthy'), password: 'wrong-password' }, /rejected the credentials of user "admin"/);
});

it('wrong enable password: auth', async () => {
  await expectCategory('auth', { ...targetOf('healthy'), enablePassword: 'wrong-enable' }, /rejected the enable password/);
});

it('unprivileged with no enable password to give: auth', async () => {
  const { enablePassword: _unused, ...target } = targetOf('healthy');
  await expectCategory('auth', target, /unprivileged .*no enable password/);
});

it('closed port: unreachable', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  await expectCategory('unreachable', { ...targetOf('healthy'), port }, /unreachable \(ECONNREFUSED/);
});

it('device that never speaks SSH: timeout within the connect timeout', async () => {
  const elapsed = await expectCategory('timeout', targetOf('wedged'), /handshake|within 300 ms/, { connectTimeoutMs: 300 });
  assert.ok(elapsed >= 290 && elapsed < 1_000, `took ${elapsed} ms`);
});

it('device that hangs on a command: timeout within the command timeout', async () => {
  const elapsed = await expectCategory('timeout', targetOf('stuck'), /did not answer "show running-config" within 400 ms/, { commandTimeoutMs: 400 });
  assert.ok(elapsed >= 390 && elapsed < 1_500, `took ${elapsed} ms`);
});

it('unknown config command: command, quoting the device', async () => {
  // A rejected facts command only leaves facts empty (vendor-fidelity.test.ts); the config command is the backup.
  const variant = { ...ciscoIos, commands: { ...ciscoIos.commands, config: 'show verzion' } };
  await expectCategory('command', { ...targetOf('healthy'), platform: variant }, /rejected "show verzion": % Invalid input detected at '\^' marker\./);
});

it('config that does not end with end: config', async () => {
  lab.setConfig('truncated', lab.getConfig('healthy').split('\n').slice(3, 60).join('\n'));
  await expectCategory('config', targetOf('truncated'), /incomplete config/);
});

it('empty config: config', async () => {
  lab.setConfig('truncated', '');
  await expectCategory('config', targetOf('truncated'), /incomplete config|empty config/);
});

it('connection dropped in the middle of the config: protocol', async () => {
  await expectCategory('protocol', targetOf('flaky'), /closed the session|dropped the connection/);
});

it('prompt never recognised: prompt', async () => {
  await expectCategory('prompt', targetOf('odd-prompt'), /no prompt recognised .*ready\] \$/, { commandTimeoutMs: 300 });
});

it('host key that does not match the pinned one: hostkey', async () => {
  await expectCategory('hostkey', targetOf('healthy'), /does not match the pinned key/, { hostVerifier: () => false });
  await expectCategory('hostkey', targetOf('healthy'), /host key check .* failed: Error: key store down/, {
    hostVerifier: async () => {
      throw new Error('key store down');
    },
  });
});

it('unknown platform: config, naming the known ones', async () => {
  await expectCategory('config', { ...targetOf('healthy'), platform: 'junos' }, /unknown platform "junos"/);
});

it('logs the failure, redacted', async () => {
  const lines: string[] = [];
  await failure({ ...targetOf('healthy'), enablePassword: 'wrong-enable' }, { onLog: (line) => lines.push(`${line.level} ${line.message}`) });
  assert.ok(lines.some((line) => line.startsWith('error auth:')));
  assert.not.ok(lines.join('\n').includes('wrong-enable'));
});

it('hangs up after every failure', async () => {
  const open = await waitForNoConnections(lab);
  assert.is(open, 0, lab.devices.map((device) => `${device.name}: ${lab.openConnections(device.name)}`).join(', '));
});

it.run();
