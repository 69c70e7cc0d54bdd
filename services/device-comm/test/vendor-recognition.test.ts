import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  arubaAosCx, fortinetFortiOs, hpProCurve, huaweiVrp, juniperJunos, linux, mikrotikRouterOs, paloAltoPanOs, parseFacts,
} from '../src/platforms/index.js';
import { ignores, recognises } from './prompt-assertions.js';

// Written in each vendor's output format (several from Oxidized's recorded sessions), not produced by
// the device lab, so the patterns are checked against the real thing.

const prompts = suite('prompts beyond the Cisco-like family');


prompts('Junos: user@host, operational and configuration mode', () => {
  recognises(juniperJunos, 'admin@mx1> ', 'mx1');
  recognises(juniperJunos, 'netops@core-rtr.fra1# ', 'core-rtr.fra1');
  ignores(juniperJunos, '{master:0}');
  ignores(juniperJunos, '[edit]');
  ignores(juniperJunos, '---(more 45%)---');
});

prompts('ProCurve and AOS-CX: a space after the prompt, factory names with spaces', () => {
  recognises(hpProCurve, 'HP-2920# ', 'HP-2920');
  recognises(hpProCurve, 'ProCurve Switch 2610-48# ', 'ProCurve Switch 2610-48');
  recognises(hpProCurve, 'sw-core(config)# ', 'sw-core');
  ignores(hpProCurve, 'Press any key to continue');
  ignores(hpProCurve, '-- MORE --, next page: Space, next line: Enter, quit: Control-C');
  recognises(arubaAosCx, 'TEST-SW1235# ', 'TEST-SW1235');
  recognises(arubaAosCx, '6300(config-if)# ', '6300');
  ignores(arubaAosCx, '!Version ArubaOS-CX PL.10.10.1090');
});

prompts('RouterOS: the identity in brackets, spaces allowed, safe mode', () => {
  recognises(mikrotikRouterOs, '[admin@MikroTik] > ', 'MikroTik');
  recognises(mikrotikRouterOs, '[admin@core router 1] > ', 'core router 1');
  recognises(mikrotikRouterOs, '[admin@MikroTik] <SAFE> ', 'MikroTik');
  ignores(mikrotikRouterOs, '-- [Q quit|D dump|down]');
  ignores(mikrotikRouterOs, '# software id = R98Z-YE17');
});

prompts('FortiOS and PAN-OS: contexts, VDOMs and HA states', () => {
  recognises(fortinetFortiOs, 'TEST-FW1234 # ', 'TEST-FW1234');
  recognises(fortinetFortiOs, 'FGT60E (console) # ', 'FGT60E');
  recognises(fortinetFortiOs, 'FGT60E (root) $ ', 'FGT60E');
  ignores(fortinetFortiOs, '--More-- ');
  ignores(fortinetFortiOs, '#config-version=FGT91G-7.4.7-FW-build2731-250120:opmode=1:vdom=0:user=TACACS-USER');
  recognises(paloAltoPanOs, 'admin@PA-VM> ', 'PA-VM');
  recognises(paloAltoPanOs, 'admin@fw1(active)> ', 'fw1');
  recognises(paloAltoPanOs, 'admin@PA-VM# ', 'PA-VM');
  ignores(paloAltoPanOs, 'lines 1-23 ');
});

prompts('VRP and Linux', () => {
  recognises(huaweiVrp, '<HUAWEI>', 'HUAWEI');
  recognises(huaweiVrp, '<SW-Huawei-01>', 'SW-Huawei-01');
  ignores(huaweiVrp, '  ---- More ----');
  ignores(huaweiVrp, '#');
  recognises(linux, 'admin@web1:~$ ', 'web1');
  recognises(linux, 'root@web1:/etc/network# ', 'web1');
  recognises(linux, '[admin@db2 ~]$ ', 'db2');
  ignores(linux, 'auto lo');
});

prompts.run();

const facts = suite('facts beyond the Cisco-like family');

facts('Junos on an SRX300: the version has no hostname (the prompt gives it), the chassis row the serial', () => {
  const output = [
    'Model: srx300',
    'Junos: 22.4R3-S2.11',
    'JUNOS Software Release [22.4R3-S2.11]',
    '',
    'Hardware inventory:',
    'Item             Version  Part number  Serial number     Description',
    'Chassis                                AA0000AA0000      SRX300',
    'Routing Engine   REV 0x08 650-077890   AA0000AA0000      RE-SRX300',
  ].join('\n');
  assert.equal(parseFacts(output, juniperJunos.facts), { model: 'srx300', serial: 'AA0000AA0000', osVersion: '22.4R3-S2.11' });
});

facts('ProCurve: show system and the chassis line of show modules', () => {
  const output = [
    ' Status and Counters - General System Information',
    '  System Name        : sw-floor3',
    '  Software revision  : WB.16.10.0009        Base MAC Addr      : 9cdc71-4a3b00',
    '  ROM Version        : WB.16.03.0003        Serial Number      : SG59FLX0AB',
    '  Up Time            : 45 days              Memory   - Total   : 337,498,112',
    '  Chassis: 2920-48G-POE+ J9729A          Serial Number:   SG59FLX0AB',
  ].join('\n');
  assert.equal(parseFacts(output, hpProCurve.facts), { hostname: 'sw-floor3', model: 'J9729A', serial: 'SG59FLX0AB', osVersion: 'WB.16.10.0009' });
});

facts('AOS-CX 6100: show system', () => {
  const output = [
    'Hostname               : TEST-SW1235                  ',
    'Vendor                 : Aruba                        ',
    'Product Name           : JL675A 6100 48G CL4 4SFP+ Swch      ',
    'Chassis Serial Nbr     : CN25000000                   ',
    'ArubaOS-CX Version     : PL.10.10.1090                ',
    'Up Time                : 48 weeks, 1 day, 22 hours, 16 minutes                      ',
  ].join('\n');
  assert.equal(parseFacts(output, arubaAosCx.facts), { hostname: 'TEST-SW1235', model: 'JL675A', serial: 'CN25000000', osVersion: 'PL.10.10.1090' });
});

facts('RouterOS: board names may hold spaces (hEX PoE lite)', () => {
  const output = [
    '                  version: 6.48.6 (long-term)',
    '               board-name: hEX PoE lite',
    '       routerboard: yes',
    '        board-name: hEX PoE lite',
    '             model: RouterBOARD 750UP r2',
    '     serial-number: 8B0208F4D5F9',
  ].join('\n');
  assert.equal(parseFacts(output, mikrotikRouterOs.facts), { model: 'hEX PoE lite', serial: '8B0208F4D5F9', osVersion: '6.48.6' });
});

facts('FortiOS on a FortiGate-91G: get system status', () => {
  const output = [
    'Version: FortiGate-91G v7.4.7,build2731,250120 (GA.M)',
    'First GA patch build date: 230509',
    'Serial-Number: FGT91GTK00000000',
    'BIOS version: 06000100',
    'Hostname: TEST-FW1234',
    'System time: Wed Jan  7 14:30:09 2026',
  ].join('\n');
  assert.equal(parseFacts(output, fortinetFortiOs.facts), { hostname: 'TEST-FW1234', model: 'FortiGate-91G', serial: 'FGT91GTK00000000', osVersion: '7.4.7' });
});

facts('PAN-OS: an unlicensed VM has no serial to tell', () => {
  const output = ['hostname: pa1', 'ip-address: 10.0.0.90', 'uptime: 2 days, 2:38:49', 'family: vm', 'model: PA-VM', 'serial: unknown', 'sw-version: 7.0.1'].join('\n');
  assert.equal(parseFacts(output, paloAltoPanOs.facts), { hostname: 'pa1', model: 'PA-VM', osVersion: '7.0.1' });
});

facts('VRP 5 on an S5720 names the model before "Routing Switch"', () => {
  const output = [
    'Huawei Versatile Routing Platform Software',
    'VRP (R) software, Version 5.170 (S5720 V200R011C10SPC600)',
    'Copyright (C) 2000-2018 HUAWEI TECH CO., LTD',
    'HUAWEI S5720-28X-SI-AC Routing Switch uptime is 5 weeks, 2 days, 3 hours, 9 minutes',
    'ESN of slot 0: 021PLM10H3000123',
  ].join('\n');
  assert.equal(parseFacts(output, huaweiVrp.facts), { model: 'S5720-28X-SI-AC', serial: '021PLM10H3000123', osVersion: 'V200R011C10SPC600' });
});

facts('Linux: os-release and the DMI files, with the serial only when readable', () => {
  const asUser = ['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"', 'NAME="Debian GNU/Linux"', '/sys/class/dmi/id/product_name:PowerEdge R650', 'grep: /sys/class/dmi/id/product_serial: Permission denied'];
  assert.equal(parseFacts(asUser.join('\n'), linux.facts), { model: 'PowerEdge R650', osVersion: 'Debian GNU/Linux 12 (bookworm)' });
  const asRoot = [...asUser.slice(0, 3), '/sys/class/dmi/id/product_serial:7XQ2B93'];
  assert.equal(parseFacts(asRoot.join('\n'), linux.facts), { model: 'PowerEdge R650', serial: '7XQ2B93', osVersion: 'Debian GNU/Linux 12 (bookworm)' });
});

facts.run();
