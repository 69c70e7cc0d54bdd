import type { FailureCategory } from '@netraven/domain';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine, type CaptureOptions, type CaptureTarget } from '../src/capture/index.js';
import { captureFailure, labTarget } from './capture-failure-helpers.js';
import { expectedStoredConfig, waitForNoConnections } from './lab-expectations.js';

const it = suite('capture against the lab faults, over SSH');
const options: CaptureOptions = { connectTimeoutMs: 2_000, commandTimeoutMs: 2_000 };
let lab: DeviceLab;

const targetOf = (name: string): CaptureTarget => labTarget(lab, name);
const failure = (name: string, overrides: Partial<CaptureOptions> = {}) => captureFailure(targetOf(name), { ...options, ...overrides });

async function expectCategory(category: FailureCategory, name: string, message: RegExp, overrides: Partial<CaptureOptions> = {}): Promise<number> {
  const { error, elapsedMs } = await failure(name, overrides);
  assert.is(error.category, category, error.message);
  assert.match(error.message, message);
  return elapsedMs;
}

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'locked', faults: { authFailure: true } },
      { name: 'mute', faults: { hangAfterLogin: true } },
      { name: 'endless', faults: { endlessPager: true } },
      { name: 'big', faults: { hugeConfig: 2 * 1024 * 1024 } },
      { name: 'noisy', faults: { garbageBytes: true } },
      { name: 'drifty', faults: { driftEveryBackups: 3 } },
      { name: 'stuck', faults: { hangOnCommand: 'show running-config' } },
      { name: 'h1' },
      { name: 'h2', platform: 'arista_eos' },
      { name: 'h3', platform: 'cisco_nxos' },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('a device that rejects every login: auth, even with the right password', async () => {
  await expectCategory('auth', 'locked', /rejected the credentials of user "admin"/);
});

it('banner after login, then silence: timeout (not prompt) within the command timeout', async () => {
  // No unfinished line means no prompt was printed at all: a silent device, which may recover.
  const elapsed = await expectCategory('timeout', 'mute', /sent no prompt within 400 ms of login, only text ending in a line break; last line: ".*Authorized access only/, {
    commandTimeoutMs: 400,
  });
  assert.ok(elapsed >= 390 && elapsed < 1_500, `took ${elapsed} ms`);
});

it('a pager that never ends: config, after the pager guard, long before the command timeout', async () => {
  const elapsed = await expectCategory('config', 'endless', /more than 200 pager prompts for "show running-config"; giving up \(a pager that never ends\?\)/, {
    limits: { maxPagerAnswers: 200 },
  });
  assert.ok(elapsed < 1_500, `took ${elapsed} ms`);
});

it('a pager that never ends, default guards: fails within the command timeout, timeout or config', async () => {
  const { error, elapsedMs } = await failure('endless', { commandTimeoutMs: 600 });
  assert.ok(['timeout', 'config'].includes(error.category), error.message);
  assert.match(error.message, /show running-config/);
  assert.ok(elapsedMs < 2_000, `took ${elapsedMs} ms`);
});

it('more output than the output guard allows: config, naming the limit', async () => {
  await expectCategory('config', 'big', /sent more than 1048576 bytes for "show running-config"/, { limits: { maxOutputBytes: 1024 * 1024 } });
});

it('garbage mixed into every output: the exact config and facts all the same, and a warning', async () => {
  for (let round = 0; round < 3; round += 1) {
    const logs: CaptureLogLine[] = [];
    const capture = await captureDevice(targetOf('noisy'), { ...options, onLog: (line) => logs.push(line) });
    assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('noisy')));
    const noisy = lab.devices.find((device) => device.name === 'noisy');
    assert.equal(capture.facts, { hostname: 'noisy', model: noisy?.model, serial: noisy?.serial, osVersion: noisy?.osVersion });
    assert.ok(logs.some((line) => line.level === 'warn' && /dropped \d+ characters that were not text/.test(line.message)));
  }
});

it('drift every 3 backups: the stored config changes exactly at backups 4 and 7', async () => {
  const configs: string[] = [];
  for (let backup = 1; backup <= 7; backup += 1) configs.push((await captureDevice(targetOf('drifty'), options)).config);
  const changedAt = configs.flatMap((config, index) => (index > 0 && config !== configs[index - 1] ? [index + 1] : []));
  assert.equal(changedAt, [4, 7]);
});

it('while one device hangs, captures of the others keep completing', async () => {
  let hungSettled = false;
  const hung = failure('stuck', { commandTimeoutMs: 2_000 }).finally(() => (hungSettled = true));
  const healthy = await Promise.all(
    ['h1', 'h2', 'h3', 'h1', 'h2', 'h3'].map(async (name) => {
      const began = performance.now();
      await captureDevice(targetOf(name), options);
      return performance.now() - began;
    }),
  );
  // Six captures done while the hung one still waits out its 2 s: nothing queued behind it.
  assert.not.ok(hungSettled, `the hung capture ended first; healthy captures took ${healthy.map(Math.round).join(', ')} ms`);
  const { error, elapsedMs } = await hung;
  assert.is(error.category, 'timeout', error.message);
  assert.ok(elapsedMs >= 1_990 && elapsedMs < 3_500, `hung capture took ${elapsedMs} ms`);
});

it('hangs up after every fault', async () => {
  assert.is(await waitForNoConnections(lab), 0, lab.devices.map((device) => `${device.name}: ${lab.openConnections(device.name)}`).join(', '));
});

it.run();
