import type { FailureCategory } from '@netraven/domain';
import { startDeviceLab, type DeviceLab, type LabDevice, type LabSshOptions } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureOptions, type CaptureTarget } from '../src/capture/index.js';
import { ciscoIos } from '../src/platforms/index.js';
import { DeviceCommError } from '../src/session/index.js';
import { expectedStoredConfig, waitForNoConnections } from './lab-expectations.js';

const it = suite('SSH exec channels and legacy algorithms');
const options: CaptureOptions = { connectTimeoutMs: 3_000, commandTimeoutMs: 3_000 };
const iosOverExec = { ...ciscoIos, exec: true as const };
// What a 2005 IOS 12.2 box speaks, and nothing newer.
const LEGACY: NonNullable<LabSshOptions['algorithms']> = { kex: ['diffie-hellman-group1-sha1'], cipher: ['aes128-cbc'], hmac: ['hmac-sha1'], serverHostKey: ['ssh-rsa'] };
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};

async function expectCategory(category: FailureCategory, target: CaptureTarget, message: RegExp): Promise<void> {
  try {
    await captureDevice(target, options);
  } catch (error) {
    if (!(error instanceof DeviceCommError)) throw error;
    assert.is(error.category, category, error.message);
    assert.match(error.message, message);
    return;
  }
  throw new Error('capture should have failed');
}

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'exec-ok', enablePassword: null, ssh: { exec: true } },
      { name: 'exec-user', ssh: { exec: true } },
      { name: 'shell-only', enablePassword: null },
      { name: 'exec-noisy', enablePassword: null, ssh: { exec: true }, faults: { garbageBytes: true } },
      { name: 'old-router', ssh: { algorithms: LEGACY } },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('exec mode: one channel per command, the same stored config and facts as the shell gives', async () => {
  const exec = await captureDevice({ ...device('exec-ok'), platform: iosOverExec }, options);
  const shell = await captureDevice({ ...device('exec-ok') }, options);
  assert.fixture(exec.config, expectedStoredConfig(lab.getConfig('exec-ok')));
  assert.is(exec.config, shell.config);
  assert.equal(exec.facts, shell.facts);
  assert.is(exec.hostKeyFingerprint, device('exec-ok').hostKeyFingerprint);
});

it('exec mode with garbage in the output: the exact config', async () => {
  const capture = await captureDevice({ ...device('exec-noisy'), platform: iosOverExec }, options);
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('exec-noisy')));
});

it('exec mode on a box whose exec lands unprivileged: command, quoting the device', async () => {
  await expectCategory('command', { ...device('exec-user'), platform: iosOverExec }, /rejected "show running-config": % Invalid input/);
});

it('exec mode on a box that refuses exec requests: command', async () => {
  await expectCategory('command', { ...device('shell-only'), platform: iosOverExec }, /refused to exec "show version"/);
});

it('a box with only legacy algorithms: config without them, naming what is missing', async () => {
  await expectCategory('config', { ...device('old-router') }, /offers no SSH algorithm NetRaven uses \(Handshake failed: no matching key exchange algorithm\)/);
});

it('a box with only legacy algorithms: captured once the target allows them (RSA host key, SHA-1)', async () => {
  const old = device('old-router');
  const capture = await captureDevice({ ...old, algorithms: LEGACY }, options);
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('old-router')));
  assert.is(capture.hostKeyFingerprint, old.hostKeyFingerprint);
});

it('legacy algorithms are offered after the modern ones, so a modern box still gets those', async () => {
  const capture = await captureDevice({ ...device('exec-ok'), algorithms: LEGACY }, options);
  assert.is(capture.facts.hostname, 'exec-ok');
});

it('an algorithm ssh2 does not know: config', async () => {
  await expectCategory('config', { ...device('old-router'), algorithms: { cipher: ['rot13-cbc'] } }, /SSH settings for .* are invalid: Unsupported algorithm: rot13-cbc/);
});

it('hangs up after every capture', async () => {
  assert.is(await waitForNoConnections(lab), 0);
});

it.run();
