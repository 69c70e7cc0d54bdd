import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { labPlatformVariants, startDeviceLab, type DeviceLab, type LabDevice } from '../src/index.js';
import { connectRaw } from './raw-shell.js';

const it = suite('platform variants: other releases and boxes of a platform');
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'ros1', platform: 'mikrotik_routeros' },
      { name: 'fgt-ha', platform: 'fortinet_fortios', variant: '7.6-ha' },
      { name: 'rhel1', platform: 'linux', variant: 'rhel8' },
      { name: 'cx1', platform: 'aruba_aoscx', variant: '10.16' },
      { name: 'fw1', platform: 'huawei_vrp', variant: 'usg-hrp' },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('lists the variants per platform, names them on the device, and refuses unknown ones', async () => {
  const variants = labPlatformVariants();
  assert.equal(variants['aruba_aoscx'], ['10.16']);
  assert.equal(variants['linux'], ['rhel8', 'netplan']);
  assert.is(device('cx1').platform, 'aruba_aoscx');
  assert.is(device('cx1').variant, '10.16');
  assert.is(device('ros1').variant, undefined);
  try {
    await startDeviceLab({ devices: [{ platform: 'cisco_ios', variant: '99.1' }] });
    assert.unreachable('an unknown variant must be refused');
  } catch (error) {
    assert.match(String(error), /cisco_ios has no variant "99\.1"/);
  }
});

it('aruba_aoscx 10.16: the renamed release heads its config with `!Version AOS-CX`', () => {
  assert.match(lab.getConfig('cx1'), /^Current configuration:\n!\n!Version AOS-CX [A-Z]{2}\.10\.1[56]\.\d+\n/);
});

it('mikrotik_routeros: without login options the console probes the terminal and colours the prompt', async () => {
  const shell = await connectRaw(device('ros1'), { password: device('ros1').password });
  try {
    const transcript = await shell.waitFor(/\] > $/);
    assert.ok(transcript.includes('\x1bZ') && transcript.includes('\x1b[6n'), 'DECID and cursor position requests');
    assert.ok(transcript.includes('\x1b[36madmin\x1b[m'), 'a coloured prompt');
  } finally {
    shell.end();
  }
});

it('mikrotik_routeros: `admin+ct` logs in as admin and gets neither colours nor probes', async () => {
  const ros = device('ros1');
  const shell = await connectRaw({ ...ros, username: `${ros.username}+ct` }, { password: ros.password });
  try {
    const transcript = await shell.waitFor(/\[admin@ros1\] > $/);
    assert.not.ok(transcript.includes('\x1b'), JSON.stringify(transcript.slice(-200)));
  } finally {
    shell.end();
  }
  const refused = await connectRaw({ ...ros, username: 'other+ct' }, { password: ros.password }).then(
    (other) => (other.end(), false),
    () => true,
  );
  assert.ok(refused, 'the part before + must be the user');
});

it('fortinet_fortios 7.6 HA: the disclaimer waits for `a`, then the prompt names the HA role', async () => {
  const fgt = device('fgt-ha');
  const shell = await connectRaw(fgt, { password: fgt.password });
  try {
    await shell.waitFor(/\(Press 'a' to accept\):$/);
    const before = shell.transcript.length;
    shell.send('x');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.is(shell.transcript.length, before, 'another key does not open the gate');
    shell.send('a');
    await shell.waitFor(/fgt-ha\(Primary\) # $/, { from: before });
  } finally {
    shell.end();
  }
});

it('linux rhel8: RHEL prompt, and `cat` of the missing interfaces file fails as bash says it', async () => {
  const rhel = device('rhel1');
  const shell = await connectRaw(rhel, { password: rhel.password });
  try {
    await shell.waitFor(/\[admin@rhel1 ~\]\$ $/);
    const start = shell.transcript.length;
    shell.send('cat /etc/network/interfaces\n');
    const output = (await shell.waitFor(/\$ $/, { from: start })).slice(start);
    assert.match(output, /cat: \/etc\/network\/interfaces: No such file or directory/, JSON.stringify(output));
  } finally {
    shell.end();
  }
  assert.match(lab.getConfig('rhel1'), /^==> \/etc\/sysconfig\/network-scripts\/ifcfg-eno1 <==\nTYPE=Ethernet\n/);
});

it('huawei_vrp USG in hot standby: `HRP_M<fw1>` and the time above each display output', async () => {
  const fw = device('fw1');
  const shell = await connectRaw(fw, { password: fw.password });
  try {
    await shell.waitFor(/HRP_M<fw1>$/);
    const start = shell.transcript.length;
    shell.send('display esn\n');
    const output = (await shell.waitFor(/HRP_M<fw1>$/, { from: start })).slice(start);
    assert.match(output, /^display esn\r\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+00:00\r\n/);
  } finally {
    shell.end();
  }
});

it.run();
