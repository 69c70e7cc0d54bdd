import { createHash } from 'node:crypto';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureTarget } from '../src/capture/index.js';
import { expectedStoredConfig } from './lab-expectations.js';

const it = suite('a 20 MiB running config');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
let lab: DeviceLab;

it.before(async () => {
  lab = await startDeviceLab({ devices: [{ name: 'huge', faults: { hugeConfig: true } }] });
});
it.after(async () => {
  await lab.close();
});

it('is captured completely and exactly, within a few seconds', async () => {
  const target: CaptureTarget = { ...(lab.devices[0] as CaptureTarget) };
  const started = performance.now();
  const capture = await captureDevice(target, { connectTimeoutMs: 3_000, commandTimeoutMs: 20_000 });
  const elapsedMs = performance.now() - started;
  const expected = expectedStoredConfig(lab.getConfig('huge'));
  assert.ok(expected.length > 20_000_000, `expected only ${expected.length} characters`);
  assert.is(capture.config.length, expected.length);
  assert.is(sha256(capture.config), sha256(expected));
  // Lab and client share this process here; with the lab in its own process it is about 0.7-1.2 s.
  assert.ok(elapsedMs < 10_000, `took ${Math.round(elapsedMs)} ms`);
  console.log(`    20 MiB capture over SSH (lab in this process): ${Math.round(elapsedMs)} ms`);
});

it.run();
