import { startDeviceLab, type DeviceLab, type LabDevice } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine, type CaptureOptions, type CaptureTarget } from '../src/capture/index.js';
import { DeviceCommError } from '../src/session/index.js';
import { captureFailure } from './capture-failure-helpers.js';
import { expectedStoredConfig, labDeviceNamed } from './lab-expectations.js';

const it = suite('what sets some platforms apart');
const options: CaptureOptions = { connectTimeoutMs: 3_000, commandTimeoutMs: 3_000 };
let lab: DeviceLab;

const device = (name: string): LabDevice => labDeviceNamed(lab, name);

async function captureLogged(target: CaptureTarget): Promise<{ config: string; logs: string[] }> {
  const logs: CaptureLogLine[] = [];
  const capture = await captureDevice(target, { ...options, onLog: (line) => logs.push(line) });
  return { config: capture.config, logs: logs.map((line) => line.message) };
}

const failure = async (target: CaptureTarget): Promise<DeviceCommError> => (await captureFailure(target, options)).error;

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'eos-open', platform: 'arista_eos' },
      { name: 'eos-locked', platform: 'arista_eos', enablePassword: 'eos-enable' },
      { name: 'asa1', platform: 'cisco_asa' },
      { name: 'asa-auto-enable', platform: 'cisco_asa', enablePassword: null },
      { name: 'xr1', platform: 'cisco_iosxr' },
      { name: 'leaf1', platform: 'dell_os10' },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('arista_eos: takes enable without a password when the switch asks for none', async () => {
  const open = device('eos-open');
  assert.is(open.enablePassword, undefined);
  const { config, logs } = await captureLogged({ ...open });
  assert.ok(logs.includes('prompt eos-open>'), 'the session starts unprivileged');
  assert.fixture(config, expectedStoredConfig(lab.getConfig('eos-open'), 'arista_eos'));
});

it('arista_eos: gives the enable password when one is configured, and fails clearly without it', async () => {
  const locked = device('eos-locked');
  const { config } = await captureLogged({ ...locked });
  assert.match(config, /^enable password sha512 <removed>$/m);
  const { enablePassword: _unused, ...withoutEnable } = locked;
  assert.match((await failure(withoutEnable)).message, /unprivileged \(eos-locked>\) and no enable password is set/);
  // EOS refuses once (`% Access denied`) and is back at the user prompt rather than asking again.
  const wrong = await failure({ ...locked, enablePassword: 'nope-nope' });
  assert.is(wrong.category, 'auth');
  assert.match(wrong.message, /still unprivileged after "enable" \(prompt eos-locked>\)/);
});

it('cisco_asa: enables through the starred password prompt; a wrong one is an auth failure', async () => {
  const asa = device('asa1');
  const { logs } = await captureLogged({ ...asa });
  assert.ok(logs.includes('prompt asa1>'), 'ASA prompts end with a space, which the session trims');
  const wrong = await failure({ ...asa, enablePassword: 'wrong-enable' });
  assert.is(wrong.category, 'auth');
  assert.match(wrong.message, /rejected the enable password/);
});

it('cisco_asa: captures a context that logs users straight into privileged mode', async () => {
  const { config, logs } = await captureLogged({ ...device('asa-auto-enable') });
  assert.ok(logs.includes('prompt asa-auto-enable#'));
  assert.match(config, /\n: end\n$/);
});

it('cisco_iosxr: drops the timestamp IOS XR prints above every output', async () => {
  const { config, logs } = await captureLogged({ ...device('xr1') });
  const stamp = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC$/m;
  assert.ok(logs.some((message) => stamp.test(message)), 'the device printed timestamps');
  assert.not.match(config, stamp);
  assert.match(config, /^!! IOS XR Configuration 7\.\d+\.\d+\n!\nhostname xr1\n/);
});

it('dell_os10: reads the serial (service tag) from show inventory', async () => {
  const leaf = device('leaf1');
  const logs: CaptureLogLine[] = [];
  const capture = await captureDevice({ ...leaf }, { ...options, onLog: (line) => logs.push(line) });
  assert.ok(logs.some((line) => line.message === '> show inventory'));
  assert.is(capture.facts.serial, leaf.serial);
  assert.match(leaf.serial, /^[A-Z0-9]{7}$/);
});

it.run();
