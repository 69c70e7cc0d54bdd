import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine } from '../src/capture/index.js';
import { listPlatforms } from '../src/platforms/index.js';

// Every lab platform plants its vendor's secret kinds with values of its own; a real SSH capture must
// store and log none of them.

const it = suite('no planted secret survives a capture, on any platform');
const options = { connectTimeoutMs: 3_000, commandTimeoutMs: 5_000 };
const PLATFORMS = listPlatforms().map((platform) => platform.id);
let lab: DeviceLab;

it.before(async () => {
  lab = await startDeviceLab({ devices: PLATFORMS.map((platform) => ({ platform })) });
});
it.after(async () => {
  await lab.close();
});

for (const platform of PLATFORMS) {
  it(`${platform}: neither the stored config nor the log holds a planted secret`, async () => {
    const device = lab.devices.find((candidate) => candidate.platform === platform);
    if (!device) throw new Error(`no lab device for ${platform}`);
    assert.ok(device.plantedSecrets.length > 0, 'the lab planted secrets');
    const printed = lab.getConfig(device.name);
    const logs: CaptureLogLine[] = [];
    const capture = await captureDevice({ ...device }, { ...options, onLog: (line) => logs.push(line) });
    const logged = logs.map((line) => line.message).join('\n');
    // RouterOS's `/export` hides some values itself; what matters is that what is printed does not leak.
    assert.ok(device.plantedSecrets.some((secret) => printed.includes(secret)), 'the device prints planted secrets');
    for (const secret of device.plantedSecrets) {
      assert.not.ok(capture.config.includes(secret), `stored ${secret}`);
      assert.not.ok(logged.includes(secret), `logged ${secret}`);
    }
  });
}

it.run();
