import { startDeviceLab, type DeviceLab, type LabDevice } from '@netraven/device-lab';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureDevice, type CaptureLogLine, type CaptureOptions, type CaptureTarget } from '../src/capture/index.js';
import { getPlatform, linux } from '../src/platforms/index.js';
import { expectedStoredConfig } from './lab-expectations.js';

const it = suite('how the other vendors log in, page and print');
const options: CaptureOptions = { connectTimeoutMs: 3_000, commandTimeoutMs: 3_000 };
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};

async function captureLogged(target: CaptureTarget): Promise<{ config: string; logs: string[] }> {
  const logs: CaptureLogLine[] = [];
  const capture = await captureDevice(target, { ...options, onLog: (line) => logs.push(line) });
  return { config: capture.config, logs: logs.map((line) => line.message) };
}

it.before(async () => {
  // Lab models alternate by position: RouterOS 7.14 first, then 6.49.10.
  lab = await startDeviceLab({
    devices: [
      { name: 'ros7', platform: 'mikrotik_routeros' },
      { name: 'ros6', platform: 'mikrotik_routeros' },
      { name: 'HP-2920', platform: 'hp_procurve' },
      { name: 'FGT60E', platform: 'fortinet_fortios' },
      { name: 'web1', platform: 'linux', ssh: { exec: true } },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('hp_procurve: presses a key at the login notice and keeps the cursor control out of the config', async () => {
  const { config, logs } = await captureLogged({ ...device('HP-2920') });
  assert.ok(logs.some((message) => message.includes('RESTRICTED RIGHTS LEGEND')), 'the notice came before the prompt');
  assert.ok(logs.includes('prompt HP-2920#'));
  assert.not.match(config, /\x1b|-- MORE --|Press any key/);
  assert.match(config, /^; J9729A Configuration Editor; Created on release #WB\.16\.10\.0009\n/);
});

it('hp_procurve: pages through `-- MORE --` drawn with cursor moves when paging stays on', async () => {
  const paged = await captureDevice({ ...device('HP-2920'), platform: { ...getPlatform('hp_procurve'), pagingOff: [] } }, options);
  assert.fixture(paged.config, expectedStoredConfig(lab.getConfig('HP-2920'), 'hp_procurve'));
});

it('mikrotik_routeros 7: the export leaves sensitive values out, and the pager is answered', async () => {
  const { config } = await captureLogged({ ...device('ros7') });
  assert.match(lab.getConfig('ros7'), /^# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS 7\.14$/m);
  assert.not.match(config, /password=|secret=|auth-key=|by RouterOS/);
  assert.match(config, /^\/ppp secret add name=branch-1 profile=default-encryption service=l2tp$/m);
  assert.match(config, /^\/snmp community add addresses=10\.10\.0\.0\/16 name=<removed>$/m);
});

it('mikrotik_routeros 6: prints the secrets, which are masked, and dates its export the old way', async () => {
  const printed = lab.getConfig('ros6');
  assert.match(printed, /^# [a-z]{3}\/\d\d\/\d{4} \d\d:\d\d:\d\d by RouterOS 6\.49\.10$/m);
  assert.match(printed, /password=ppp-/);
  const { config } = await captureLogged({ ...device('ros6') });
  assert.fixture(config, expectedStoredConfig(printed, 'mikrotik_routeros').replace(/^# [a-z]{3}\/.*\n/m, ''));
  assert.match(config, /^\/ppp secret add name=branch-2 password=<removed> profile=default-encryption service=l2tp$/m);
  assert.match(config, /^\/routing ospf interface add authentication=md5 authentication-key=<removed> interface=ether2$/m);
});

it('fortinet_fortios: ENC values change with every print, the stored config does not', async () => {
  const enc = (text: string): string[] => [...text.matchAll(/ENC (\S+)/g)].map((match) => match[1] ?? '');
  assert.not.equal(enc(lab.getConfig('FGT60E')), enc(lab.getConfig('FGT60E')));
  const first = await captureLogged({ ...device('FGT60E') });
  const second = await captureLogged({ ...device('FGT60E') });
  assert.is(second.config, first.config);
  assert.match(first.config, /^ {8}set private-key <removed>\n {8}set certificate "-----BEGIN CERTIFICATE-----$/m);
  assert.not.match(first.config, /#conf_file_ver=/);
});

it('linux: reads the same over SSH exec as over the shell, one command per channel', async () => {
  const shell = await captureLogged({ ...device('web1') });
  const exec = await captureLogged({ ...device('web1'), platform: { ...linux, exec: true } });
  assert.is(exec.config, shell.config);
  assert.ok(exec.logs.includes('running each command in its own exec channel'));
  assert.match(shell.config, /^iface eno1 inet static$/m);
});

it.run();
