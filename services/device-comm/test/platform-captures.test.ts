import { startDeviceLab, type DeviceLab, type LabDevice } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine, type CaptureTarget } from '../src/capture/index.js';
import { getPlatform } from '../src/platforms/index.js';
import { DeviceCommError } from '../src/session/index.js';
import { expectedStoredConfig, secretValues, waitForNoConnections } from './lab-expectations.js';

const it = suite('every platform against its simulated device over SSH');
const options = { connectTimeoutMs: 3_000, commandTimeoutMs: 3_000 };
let lab: DeviceLab;

/** One device per platform, named the way such boxes often are, so prompt patterns meet real hostnames. */
const HOSTNAMES: Readonly<Record<string, string>> = {
  cisco_ios: 'R1',
  cisco_iosxe: 'sw-c9300.dc2',
  cisco_nxos: 'N9K-1',
  cisco_iosxr: 'xr1',
  cisco_asa: 'LAB-ASA12-edge',
  arista_eos: 'eos1',
  dell_os10: 'OS10',
  juniper_junos: 'mx1',
  hp_procurve: 'HP-2920',
  aruba_aoscx: 'cx-access-01',
  mikrotik_routeros: 'MikroTik',
  fortinet_fortios: 'FGT60E',
  paloalto_panos: 'PA-VM',
  huawei_vrp: 'HUAWEI',
  linux: 'web1',
};
// Only root may read the DMI serial of a Linux server; the lab logs in as an ordinary user.
const WITHOUT_SERIAL = new Set(['linux']);
const PLATFORMS = Object.keys(HOSTNAMES);

const deviceOn = (platform: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.platform === platform);
  if (!found) throw new Error(`no lab device for ${platform}`);
  return found;
};
const targetOf = (device: LabDevice): CaptureTarget => ({ ...device });

it.before(async () => {
  lab = await startDeviceLab({ devices: PLATFORMS.map((platform) => ({ platform, name: HOSTNAMES[platform] ?? platform })) });
});
it.after(async () => {
  await lab.close();
});

for (const platform of PLATFORMS) {
  it(`${platform}: stores the config without volatile lines, secrets masked, the same twice`, async () => {
    const device = deviceOn(platform);
    const first = await captureDevice(targetOf(device), options);
    const printed = lab.getConfig(device.name);
    assert.fixture(first.config, expectedStoredConfig(printed, platform));
    for (const secret of secretValues(printed, platform)) assert.not.ok(first.config.includes(secret), `leaked ${secret}`);
    const second = await captureDevice(targetOf(device), options);
    assert.is(second.config, first.config, 'a config nobody changed must store the same');
  });

  it(`${platform}: reads hostname, model, serial and OS version`, async () => {
    const device = deviceOn(platform);
    const capture = await captureDevice(targetOf(device), options);
    const serial = WITHOUT_SERIAL.has(platform) ? {} : { serial: device.serial };
    assert.equal(capture.facts, { hostname: device.name, model: device.model, ...serial, osVersion: device.osVersion });
  });

  it(`${platform}: answers the pager when paging is left on`, async () => {
    const device = deviceOn(platform);
    const paged = await captureDevice({ ...targetOf(device), platform: { ...getPlatform(platform), pagingOff: [] } }, options);
    assert.fixture(paged.config, expectedStoredConfig(lab.getConfig(device.name), platform));
  });

  it(`${platform}: falls back to the pager when the device rejects the paging-off command`, async () => {
    const device = deviceOn(platform);
    const logs: CaptureLogLine[] = [];
    const variant = { ...getPlatform(platform), pagingOff: ['terminal frobnicate 0'] };
    const capture = await captureDevice({ ...targetOf(device), platform: variant }, { ...options, onLog: (line) => logs.push(line) });
    assert.fixture(capture.config, expectedStoredConfig(lab.getConfig(device.name), platform));
    assert.ok(logs.some((line) => line.level === 'warn' && line.message.includes('terminal frobnicate 0')), 'the rejection is logged');
  });

  it(`${platform}: shows one new line after the device drifts`, async () => {
    const device = deviceOn(platform);
    const before = await captureDevice(targetOf(device), options);
    lab.driftConfig(device.name);
    const after = await captureDevice(targetOf(device), options);
    const added = after.config.split('\n').filter((line) => !before.config.split('\n').includes(line));
    assert.equal(added.length, 1, added.join('\n'));
    assert.match(added[0] ?? '', /circuit CKT-\d+ \(change \d+\)/);
  });

  it(`${platform}: a wrong password is an auth failure`, async () => {
    const device = deviceOn(platform);
    try {
      await captureDevice({ ...targetOf(device), password: 'not-the-password' }, options);
      assert.unreachable('login should fail');
    } catch (error) {
      assert.instance(error, DeviceCommError);
      assert.is((error as DeviceCommError).category, 'auth');
    }
  });
}

it('hangs up after every capture', async () => {
  assert.is(await waitForNoConnections(lab), 0);
});

it.run();
