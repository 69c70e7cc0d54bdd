import { startDeviceLab, type DeviceLab, type LabDevice } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine, type CaptureOptions, type CaptureTarget, type DeviceCapture } from '../src/capture/index.js';
import { fortinetFortiOs, getPlatform, huaweiVrp } from '../src/platforms/index.js';
import { DeviceCommError } from '../src/session/index.js';
import { captureFailure } from './capture-failure-helpers.js';
import { expectedStoredConfig, labDeviceNamed, waitForNoConnections } from './lab-expectations.js';
import { ignores, recognises } from './prompt-assertions.js';

// Releases and kinds of box whose output differs from the usual one, each from a capture of a real device.
const it = suite('real output of other releases and boxes, over SSH');
const options: CaptureOptions = { connectTimeoutMs: 3_000, commandTimeoutMs: 3_000 };
let lab: DeviceLab;

const device = (name: string): LabDevice => labDeviceNamed(lab, name);

async function captureLogged(target: CaptureTarget): Promise<DeviceCapture & { logs: CaptureLogLine[] }> {
  const logs: CaptureLogLine[] = [];
  const capture = await captureDevice(target, { ...options, onLog: (line) => logs.push(line) });
  return { ...capture, logs };
}

const failure = async (target: CaptureTarget): Promise<DeviceCommError> => (await captureFailure(target, options)).error;

/** The config is stored as the lab printed it (minus header, volatile lines and secrets), the same twice. */
async function assertStoredTwice(name: string): Promise<DeviceCapture & { logs: CaptureLogLine[] }> {
  const labDevice = device(name);
  const first = await captureLogged({ ...labDevice });
  assert.fixture(first.config, expectedStoredConfig(lab.getConfig(name), labDevice.platform));
  const second = await captureDevice({ ...labDevice }, options);
  assert.is(second.config, first.config, 'a config nobody changed must store the same');
  return first;
}

const factsOf = (labDevice: LabDevice): DeviceCapture['facts'] => ({
  hostname: labDevice.name, model: labDevice.model, serial: labDevice.serial, osVersion: labDevice.osVersion,
});

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'cx-core-01', platform: 'aruba_aoscx', variant: '10.16' },
      { name: 'N5K-1', platform: 'cisco_nxos', variant: 'switchname' },
      { name: 'HP-2510G', platform: 'hp_procurve', variant: '2510G' },
      { name: 'HP-2920', platform: 'hp_procurve' },
      { name: 'FW1', platform: 'huawei_vrp', variant: 'usg-hrp' },
      { name: 'FGT-A', platform: 'fortinet_fortios', variant: '7.6-ha' },
      { name: 'MikroTik', platform: 'mikrotik_routeros' },
      { name: 'rhel1', platform: 'linux', variant: 'rhel8' },
      { name: 'jammy1', platform: 'linux', variant: 'netplan' },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('aruba_aoscx 10.16: backs up `!Version AOS-CX` configs and reads `AOS-CX Version` (10.15+ rename)', async () => {
  const capture = await assertStoredTwice('cx-core-01');
  assert.match(capture.config, /^!\n!Version AOS-CX [A-Z]{2}\.10\.1[56]\.\d+\n/);
  assert.equal(capture.facts, factsOf(device('cx-core-01')));
});

it('cisco_nxos: a config naming the box with `switchname` is complete, and the hostname is read', async () => {
  const capture = await assertStoredTwice('N5K-1');
  assert.match(capture.config, /^switchname N5K-1$/m);
  assert.not.match(capture.config, /^hostname /m);
  assert.equal(capture.facts, factsOf(device('N5K-1')));
});

it('hp_procurve 2510G: no `show modules` leaves the model empty, the backup succeeds with a warning', async () => {
  const capture = await assertStoredTwice('HP-2510G');
  const { model: _none, ...rest } = factsOf(device('HP-2510G'));
  assert.equal(capture.facts, rest);
  assert.ok(
    capture.logs.some((line) => line.level === 'warn' && line.message.includes('rejected "show modules"') && line.message.includes('facts from "show modules" left empty')),
    'the rejected facts command is logged as a warning',
  );
});

it('a rejected version command leaves its facts empty; the hostname still comes from the prompt', async () => {
  const hp = device('HP-2920');
  const platform = getPlatform('hp_procurve');
  const capture = await captureLogged({ ...hp, platform: { ...platform, commands: { ...platform.commands, version: 'show systemwide' } } });
  assert.equal(capture.facts, { hostname: 'HP-2920', model: hp.model });
  assert.fixture(capture.config, expectedStoredConfig(lab.getConfig('HP-2920'), 'hp_procurve'));
});

it('a rejected config command still fails the backup with `command`', async () => {
  const platform = getPlatform('hp_procurve');
  const rejected = await failure({ ...device('HP-2510G'), platform: { ...platform, commands: { ...platform.commands, config: 'show running-configuration' } } });
  assert.is(rejected.category, 'command');
  assert.match(rejected.message, /rejected "show running-configuration"/);
});

it('huawei_vrp USG in hot standby: `HRP_M<FW1>` prompts, timestamps above each output kept out of the config', async () => {
  const capture = await assertStoredTwice('FW1');
  const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+00:00$/m;
  assert.ok(capture.logs.some((line) => line.message === 'prompt HRP_M<FW1>'), 'the HRP prompt is recognised');
  assert.ok(capture.logs.some((line) => stamp.test(line.message)), 'the device printed timestamps');
  assert.not.match(capture.config, stamp);
  assert.match(capture.config, /^!Software Version V\w+\n/);
  assert.equal(capture.facts, factsOf(device('FW1')));
});

it('huawei_vrp: HRP prompts in both views, and bracket lines without the HRP prefix are still output', () => {
  recognises(huaweiVrp, 'HRP_M<FW1>', 'FW1');
  recognises(huaweiVrp, 'HRP_S<USG6650-FW.dc2>', 'USG6650-FW.dc2');
  recognises(huaweiVrp, 'HRP_M[FW1]', 'FW1');
  ignores(huaweiVrp, '[x]');
  ignores(huaweiVrp, 'HRP_M<FW1]');
  ignores(huaweiVrp, '2024-01-15 10:32:11.123 +08:00');
});

it('fortinet_fortios 7.6 HA: accepts the post-login disclaimer with `a` and follows `FGT-A(Primary) #`', async () => {
  const capture = await assertStoredTwice('FGT-A');
  assert.ok(capture.logs.some((line) => line.message === 'prompt FGT-A(Primary) #'), 'the HA prompt is recognised');
  assert.ok(capture.logs.some((line) => line.message.startsWith('banner:') && line.message.includes('WARNING: This system is for the use of authorized users only')), 'the disclaimer came first');
  assert.equal(capture.facts, factsOf(device('FGT-A')));
});

it('fortinet_fortios: HA roles and VDOMs in the prompt, with or without a space (issues 3846, 3851)', () => {
  recognises(fortinetFortiOs, 'FW1(Primary) # ', 'FW1');
  recognises(fortinetFortiOs, 'FW1(Primary) (global) # ', 'FW1');
  recognises(fortinetFortiOs, 'Firewall201(Primary) $ ', 'Firewall201');
  recognises(fortinetFortiOs, 'FGT-A (Secondary) # ', 'FGT-A');
  recognises(fortinetFortiOs, 'FGT (root) # ', 'FGT');
  recognises(fortinetFortiOs, 'FGT (global) # ', 'FGT');
  ignores(fortinetFortiOs, "(Press 'a' to accept):");
});

it('mikrotik_routeros: logs in as `admin+ct`, which the router takes for `admin` without colours or probing', async () => {
  const capture = await assertStoredTwice('MikroTik');
  assert.ok(capture.logs.some((line) => line.message.includes(' as admin+ct (mikrotik_routeros)')), 'the login name carries +ct');
  assert.equal(capture.facts, { ...factsOf(device('MikroTik')), hostname: 'MikroTik' });
  const { logs } = await captureLogged({ ...device('MikroTik'), username: 'admin+ct511w4098h' });
  assert.ok(logs.some((line) => line.message.includes(' as admin+ct511w4098h ')), 'options already given are kept as they are');
});

it('mikrotik_routeros: runtime comments in the export (`# poe-out status: ...`) are volatile (Oxidized PRs 2141, 3863)', () => {
  const volatile = getPlatform('mikrotik_routeros').volatile;
  for (const line of ['# poe-out status: short_circuit', '# poe-out status: voltage_on_poe-in', '# ether5 not ready', '# inactive time']) {
    assert.ok(volatile.some((pattern) => pattern.test(line)), line);
  }
  assert.not.ok(volatile.some((pattern) => pattern.test('# poe-out status')), 'a comment the user wrote stays');
});

for (const [name, firstFile] of [['rhel1', '/etc/sysconfig/network-scripts/ifcfg-eno1'], ['jammy1', '/etc/netplan/00-installer-config.yaml']] as const) {
  it(`linux without /etc/network/interfaces (${name}): stores the network files that exist`, async () => {
    const capture = await assertStoredTwice(name);
    assert.ok(capture.config.startsWith(`==> ${firstFile} <==\n`), capture.config.slice(0, 80));
    const { serial: _rootOnly, ...facts } = factsOf(device(name));
    assert.equal(capture.facts, facts);
  });
}

it('hangs up after every capture', async () => {
  assert.is(await waitForNoConnections(lab), 0);
});

it.run();
