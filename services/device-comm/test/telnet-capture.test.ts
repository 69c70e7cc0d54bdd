import { createServer } from 'node:net';
import type { FailureCategory } from '@netraven/domain';
import { startDeviceLab, type DeviceLab, type LabDevice } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureOptions, type CaptureTarget } from '../src/capture/index.js';
import { DeviceCommError } from '../src/session/index.js';
import { expectedStoredConfig, secretValues, waitForNoConnections } from './lab-expectations.js';

const it = suite('capturing over Telnet');
const options: CaptureOptions = { connectTimeoutMs: 2_000, commandTimeoutMs: 2_000 };
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};
const overTelnet = (name: string): CaptureTarget => {
  const found = device(name);
  if (found.telnetPort === undefined) throw new Error(`${name} serves no Telnet`);
  return { ...found, protocol: 'telnet', port: found.telnetPort };
};

async function expectCategory(category: FailureCategory, target: CaptureTarget, message: RegExp, overrides: Partial<CaptureOptions> = {}): Promise<number> {
  const started = performance.now();
  try {
    await captureDevice(target, { ...options, ...overrides });
  } catch (error) {
    if (!(error instanceof DeviceCommError)) throw error;
    assert.is(error.category, category, error.message);
    assert.match(error.message, message);
    return performance.now() - started;
  }
  throw new Error('capture should have failed');
}

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'R1', protocols: ['ssh', 'telnet'] },
      { name: 'old-sw', protocols: ['telnet'] },
      { name: 'N9K-1', platform: 'cisco_nxos', protocols: ['telnet'] },
      { name: 'locked', protocols: ['telnet'], faults: { authFailure: true } },
      { name: 'noisy', protocols: ['telnet'], faults: { garbageBytes: true } },
      { name: 'wedged', protocols: ['telnet'], faults: { hangOnConnect: true } },
      { name: 'mute', protocols: ['telnet'], faults: { hangAfterLogin: true } },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('cisco_ios: the same stored config and facts as over SSH, no host key, no host key check', async () => {
  let asked = false;
  const telnet = await captureDevice(overTelnet('R1'), { ...options, hostVerifier: () => (asked = true) });
  const ssh = await captureDevice({ ...device('R1') }, options);
  const printed = lab.getConfig('R1');
  assert.fixture(telnet.config, expectedStoredConfig(printed));
  for (const secret of secretValues(printed)) assert.not.ok(telnet.config.includes(secret), `leaked ${secret}`);
  assert.is(telnet.config, ssh.config);
  assert.equal(telnet.facts, ssh.facts);
  assert.is(telnet.hostKeyFingerprint, '');
  assert.not.ok(asked, 'Telnet has no host key to verify');
});

it('a device that serves only Telnet lists its Telnet port as its port', async () => {
  const oldSwitch = device('old-sw');
  assert.equal(oldSwitch.protocols, ['telnet']);
  assert.is(oldSwitch.port, oldSwitch.telnetPort);
  const capture = await captureDevice({ ...oldSwitch, protocol: 'telnet' }, options);
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('old-sw')));
});

it('cisco_nxos (no enable step) over Telnet', async () => {
  const capture = await captureDevice(overTelnet('N9K-1'), options);
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('N9K-1'), 'cisco_nxos'));
  assert.is(capture.facts.hostname, 'N9K-1');
});

it('wrong password: auth, and the password appears in no message', async () => {
  const messages: string[] = [];
  await expectCategory('auth', { ...overTelnet('R1'), password: 'wrong-password' }, /rejected the credentials of user "admin"/, {
    onLog: (line) => messages.push(line.message),
  });
  assert.not.ok(messages.join('\n').includes('wrong-password'));
});

it('a device that rejects every login: auth', async () => {
  await expectCategory('auth', overTelnet('locked'), /rejected the credentials/);
});

it('closed port: unreachable', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  await expectCategory('unreachable', { ...overTelnet('R1'), port }, /unreachable \(ECONNREFUSED/);
});

it('a device that accepts TCP and never speaks: timeout within the command timeout', async () => {
  const elapsed = await expectCategory('timeout', overTelnet('wedged'), /sent nothing within 300 ms/, { commandTimeoutMs: 300 });
  assert.ok(elapsed < 1_000, `took ${elapsed} ms`);
});

it('banner after login, then silence: timeout within the command timeout', async () => {
  const elapsed = await expectCategory('timeout', overTelnet('mute'), /sent no prompt within 300 ms of login/, { commandTimeoutMs: 300 });
  assert.ok(elapsed < 1_000, `took ${elapsed} ms`);
});

it('garbage (0xFF bytes escaped as IAC IAC among it): the exact config', async () => {
  const capture = await captureDevice(overTelnet('noisy'), options);
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('noisy')));
});

it('hangs up after every capture', async () => {
  assert.is(await waitForNoConnections(lab), 0);
});

it.run();
