import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '../src/index.js';

const it = suite('running config of a simulated IOS device');
let lab: DeviceLab;

it.before(async () => {
  lab = await startDeviceLab({ devices: 3 });
});
it.after(async () => {
  await lab.close();
});

const body = (config: string): string =>
  config
    .split('\n')
    .filter((line) => !/^(Building configuration|Current configuration|! Last configuration|! NVRAM|ntp clock-period)/.test(line))
    .join('\n');

it('prints like IOS: header, byte count, change stamps, secrets, and end', () => {
  const config = lab.getConfig('lab-r1');
  const lines = config.split('\n');
  assert.is(lines[0], 'Building configuration...');
  assert.is(lines[1], '');
  const count = /^Current configuration : (\d+) bytes$/.exec(lines[2] ?? '');
  assert.ok(count, lines[2]);
  const counted = lines.slice(3).join('\n').replace(/\n+$/, '\n');
  assert.is(Number(count?.[1]), Buffer.byteLength(counted));
  assert.match(config, /^! Last configuration change at \d\d:\d\d:\d\d UTC \w{3} \w{3} \d+ \d{4} by admin$/m);
  assert.match(config, /^! NVRAM config last updated at /m);
  assert.match(config, /^ntp clock-period \d+$/m);
  assert.match(config, /^enable secret 9 \$9\$[./\w]{14}\$[./\w]{43}$/m);
  assert.match(config, /^username admin privilege 15 secret 9 \$9\$/m);
  assert.match(config, /^snmp-server community \S+ RO 10$/m);
  assert.match(config, /^ password 7 [0-9A-F]+$/m);
  assert.match(config, /^hostname lab-r1$/m);
  assert.match(config, /^interface GigabitEthernet0\/0$/m);
  assert.match(config, /^router ospf 1$/m);
  assert.match(config, /^line vty 0 4$/m);
  assert.match(config, /\nend\n\n$/);
});

it('changes only its volatile lines from one print to the next', () => {
  const first = lab.getConfig('lab-r2');
  const second = lab.getConfig('lab-r2');
  assert.is.not(first, second);
  assert.is.not(/^ntp clock-period .*$/m.exec(first)?.[0], /^ntp clock-period .*$/m.exec(second)?.[0]);
  assert.is(body(first), body(second));
});

it('gives every device its own config', () => {
  assert.is.not(body(lab.getConfig('lab-r1')), body(lab.getConfig('lab-r2')));
});

it('drifts by a small realistic change every time', () => {
  const before = body(lab.getConfig('lab-r3'));
  lab.driftConfig('lab-r3');
  const once = body(lab.getConfig('lab-r3'));
  lab.driftConfig('lab-r3');
  const twice = body(lab.getConfig('lab-r3'));
  assert.is.not(once, before);
  assert.is.not(twice, once);
  const added = (from: string, to: string): string[] => to.split('\n').filter((line) => !from.split('\n').includes(line));
  assert.equal(added(before, once).length, 1);
  assert.match(added(before, once)[0] ?? '', /^ description circuit CKT-\d+/);
  assert.match(added(once, twice)[0] ?? '', /^access-list 10 permit 10\.20\.\d+\.0 0\.0\.0\.255$/);
  assert.match(twice, /\nend\n*$/);
});

it('prints a replaced config verbatim between the generated header and the end', () => {
  lab.setConfig('lab-r3', 'version 15.7\nhostname edge-7\n!\ninterface Loopback0\n ip address 192.0.2.7 255.255.255.255\n');
  const config = lab.getConfig('lab-r3');
  assert.match(config, /!\nversion 15\.7\nhostname edge-7\n!\ninterface Loopback0\n ip address 192\.0\.2\.7 255\.255\.255\.255\n\n$/);
  assert.not.match(config, /\nend\n/);
});

it('rejects unknown device names clearly', () => {
  assert.throws(() => lab.getConfig('nope'), /no device named nope/);
});

it.run();
