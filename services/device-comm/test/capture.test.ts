import { startDeviceLab, type DeviceLab, type LabDevice } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine, type CaptureTarget } from '../src/capture/index.js';
import { ciscoIos } from '../src/platforms/index.js';
import { expectedStoredConfig, secretValues, waitForNoConnections } from './lab-expectations.js';

const it = suite('capturing a device over SSH');
const options = { connectTimeoutMs: 3_000, commandTimeoutMs: 3_000 };
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};
const targetOf = (lab: LabDevice): CaptureTarget => ({ ...lab });

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'R1' },
      { name: 'R2' },
      { name: 'privileged', enablePassword: null },
      { name: 'aaa', faults: { keyboardInteractiveOnly: true } },
      { name: 'slow', faults: { commandLatencyMs: 40 } },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('stores the running config without volatile lines and with secrets masked', async () => {
  const capture = await captureDevice(targetOf(device('R1')), options);
  const printed = lab.getConfig('R1');
  assert.fixture(capture.config, expectedStoredConfig(printed));
  assert.match(capture.config, /^!\n/);
  assert.match(capture.config, /\nend\n$/);
  for (const secret of secretValues(printed)) assert.not.ok(capture.config.includes(secret), `leaked ${secret}`);
});

it('reads facts from show version and reports the host key it saw', async () => {
  const r2 = device('R2');
  const capture = await captureDevice(targetOf(r2), options);
  assert.equal(capture.facts, { hostname: 'R2', model: r2.model, serial: r2.serial, osVersion: r2.osVersion });
  assert.is(capture.hostKeyFingerprint, r2.hostKeyFingerprint);
});

it('captures the same config twice when nothing changed, and a different one after drift', async () => {
  const first = await captureDevice(targetOf(device('R2')), options);
  const second = await captureDevice(targetOf(device('R2')), options);
  assert.is(second.config, first.config);
  lab.driftConfig('R2');
  const drifted = await captureDevice(targetOf(device('R2')), options);
  assert.is.not(drifted.config, first.config);
  const added = drifted.config.split('\n').filter((line) => !first.config.split('\n').includes(line));
  assert.equal(added.length, 1);
  assert.match(added[0] ?? '', /^ description circuit CKT-/);
});

it('still gets the whole config through the pager when paging is not turned off', async () => {
  // The lab pages at 23 lines, so this only completes if every --More-- is answered.
  const paged = await captureDevice({ ...targetOf(device('R1')), platform: { ...ciscoIos, pagingOff: [] } }, options);
  assert.fixture(paged.config, expectedStoredConfig(lab.getConfig('R1')));
});

it('falls back to the pager when the paging-off command is rejected, and says so', async () => {
  const logs: CaptureLogLine[] = [];
  const variant = { ...ciscoIos, pagingOff: ['terminal pager 0'] };
  const capture = await captureDevice({ ...targetOf(device('R1')), platform: variant }, { ...options, onLog: (line) => logs.push(line) });
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('R1')));
  assert.ok(logs.some((line) => line.level === 'warn' && line.message.includes('terminal pager 0')));
});

it('takes the enable step only when the device starts unprivileged', async () => {
  const privileged = device('privileged');
  assert.is(privileged.enablePassword, undefined);
  const capture = await captureDevice(targetOf(privileged), options);
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('privileged')));
});

it('logs in with keyboard-interactive when the device offers nothing else', async () => {
  const capture = await captureDevice(targetOf(device('aaa')), options);
  assert.is(capture.facts.hostname, 'aaa');
});

it('copes with a slow device', async () => {
  const started = performance.now();
  const capture = await captureDevice(targetOf(device('slow')), options);
  assert.ok(performance.now() - started >= 4 * 40, 'enable, two paging-off commands, version and config each wait');
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('slow')));
});

it('lets the caller pin the host key', async () => {
  const r1 = device('R1');
  const seen: string[] = [];
  await captureDevice(targetOf(r1), {
    ...options,
    hostVerifier: async (fingerprint) => {
      seen.push(fingerprint);
      return fingerprint === r1.hostKeyFingerprint;
    },
  });
  assert.equal(seen, [r1.hostKeyFingerprint]);
});

it('redacts every log line, device output included', async () => {
  const r1 = device('R1');
  const logs: CaptureLogLine[] = [];
  await captureDevice(targetOf(r1), { ...options, onLog: (line) => logs.push(line) });
  const everything = logs.map((line) => line.message).join('\n');
  assert.match(everything, /Building configuration/, 'device output is logged');
  assert.match(everything, /enable secret 9 <removed>/);
  const forbidden = [r1.password, r1.enablePassword ?? 'no-enable', ...secretValues(lab.getConfig('R1'))];
  for (const secret of forbidden) assert.not.ok(everything.includes(secret), `log leaked ${secret}`);
});

it('hangs up after every capture', async () => {
  assert.is(await waitForNoConnections(lab), 0);
});

it.run();
