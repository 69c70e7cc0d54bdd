import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aristaEos, ciscoAsa, ciscoIosXe, ciscoIosXr, ciscoNxos, dellOs10, parseFacts } from '../src/platforms/index.js';
import { ignores, recognises } from './prompt-assertions.js';

// Written in each vendor's output format (not produced by the device lab), so the patterns are
// checked against the real thing and not only against the lab's rendering of it.

const prompts = suite('prompts of the Cisco-like family, with hostnames seen in the field');


prompts('NX-OS', () => {
  recognises(ciscoNxos, 'N9K-1#', 'N9K-1');
  recognises(ciscoNxos, 'Spine-1# ', 'Spine-1');
  recognises(ciscoNxos, 'leaf-1(config-if)#', 'leaf-1');
  ignores(ciscoNxos, '!Command: show running-config');
  ignores(ciscoNxos, 'N9K-1#show running-config');
});

prompts('IOS XR: the hostname is what follows the node name', () => {
  recognises(ciscoIosXr, 'RP/0/RP0/CPU0:xr1#', 'xr1');
  recognises(ciscoIosXr, 'RP/0/RSP0/CPU0:ASR9k-1#', 'ASR9k-1');
  recognises(ciscoIosXr, 'RP/0/RP0/CPU0:N57B1-2-Vega-II5-58(config)#', 'N57B1-2-Vega-II5-58');
  ignores(ciscoIosXr, 'Thu Aug 25 09:17:42.875 UTC');
  ignores(ciscoIosXr, '!! IOS XR Configuration 7.9.2');
});

prompts('ASA: trailing space, contexts and failover units', () => {
  recognises(ciscoAsa, 'asa1> ', 'asa1');
  recognises(ciscoAsa, 'LAB-ASA12-Oxidized-IPv6# ', 'LAB-ASA12-Oxidized-IPv6');
  recognises(ciscoAsa, 'fw01/admin(config)# ', 'fw01');
  recognises(ciscoAsa, 'fw01/pri/act# ', 'fw01');
  ignores(ciscoAsa, '<--- More --->');
  ignores(ciscoAsa, ': Saved');
});

prompts('EOS and OS10', () => {
  recognises(aristaEos, 'eos-test-01#', 'eos-test-01');
  recognises(aristaEos, 'spine1(config-if-Et1)#', 'spine1');
  recognises(dellOs10, 'OS10#', 'OS10');
  recognises(dellOs10, 'sw-leaf-001(conf-if-eth1/1/1)#', 'sw-leaf-001');
  ignores(aristaEos, '! device: eos-test-01 (DCS-7050SX3-48YC8, EOS-4.29.2F)');
  ignores(dellOs10, '! Version 10.5.4.2');
});

prompts.run();

const facts = suite('facts from version and inventory output');

facts('IOS XE on a Catalyst 9300', () => {
  const output = [
    'Cisco IOS XE Software, Version 17.06.04',
    'Cisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.4, RELEASE SOFTWARE (fc1)',
    'acc-sw-14 uptime is 41 weeks, 2 days, 6 hours, 11 minutes',
    'cisco C9300-24T (X86) processor with 1331521K/6147K bytes of memory.',
    'Processor board ID FOC2211Y0AB',
    'System Serial Number               : FOC2211Y0AB',
  ].join('\n');
  assert.equal(parseFacts(output, ciscoIosXe.facts), { hostname: 'acc-sw-14', model: 'C9300-24T', serial: 'FOC2211Y0AB', osVersion: '17.06.04' });
});

facts('NX-OS 10 on a Nexus 9300', () => {
  const output = [
    'Software',
    '  BIOS: version 07.71',
    '  NXOS: version 10.2(5) [Maintenance Release]',
    'Hardware',
    '  cisco Nexus9000 C93240YC-FX2 chassis',
    '  Processor Board ID FDO24411ABC',
    '  Device name: dc1-leaf-07',
    'Kernel uptime is 12 day(s), 3 hour(s), 4 minute(s), 5 second(s)',
  ].join('\n');
  assert.equal(parseFacts(output, ciscoNxos.facts), { hostname: 'dc1-leaf-07', model: 'C93240YC-FX2', serial: 'FDO24411ABC', osVersion: '10.2(5)' });
});

facts('IOS XR: version output plus the inventory for the serial', () => {
  const output = [
    'Mon Apr 11 09:17:51.091 UTC',
    'Cisco IOS XR Software, Version 7.6.1 LNT',
    'cisco NCS5700 (D-1563N @ 2.00GHz)',
    'cisco NCS-57B1-6D24-SYS (D-1563N @ 2.00GHz) processor with 32GB of memory',
    'pe2-fra uptime is 3 hours, 6 minutes',
    '',
    'NAME: "Rack 0", DESCR: "NCS 5700 Fixed Chassis"',
    'PID: NCS-57B1-6D24-SYS     , VID: V01, SN: FOC2539NXYZ',
  ].join('\n');
  assert.equal(parseFacts(output, ciscoIosXr.facts), { hostname: 'pe2-fra', model: 'NCS-57B1-6D24-SYS', serial: 'FOC2539NXYZ', osVersion: '7.6.1' });
});

facts('ASA', () => {
  const output = [
    'Cisco Adaptive Security Appliance Software Version 9.12(4)67 ',
    'fw-dmz-02 up 173 days 16 hours',
    'Hardware:   ASA5512, 4096 MB RAM, CPU Clarkdale 2800 MHz, 1 CPU (2 cores)',
    'Serial Number: FCH1712ABCD',
  ].join('\n');
  assert.equal(parseFacts(output, ciscoAsa.facts), { hostname: 'fw-dmz-02', model: 'ASA5512', serial: 'FCH1712ABCD', osVersion: '9.12(4)67' });
});

facts('EOS prints no hostname; the prompt supplies it', () => {
  const output = ['Arista DCS-7010T-48-R', 'Hardware version: 12.03', 'Serial number: JPE18520001', '', 'Software image version: 4.28.9M'].join('\n');
  assert.equal(parseFacts(output, aristaEos.facts), { model: 'DCS-7010T-48-R', serial: 'JPE18520001', osVersion: '4.28.9M' });
});

facts('OS10: the service tag of the management unit is the serial', () => {
  const output = [
    'Dell EMC Networking OS10 Enterprise',
    'OS Version: 10.5.1.0',
    'System Type: S4112F-ON',
    'Up Time: 4 days 09:16:43',
    'Product Serial Number :',
    'Unit Type                     Part Number  Rev  Piece Part ID             Svc Tag  Exprs Svc Code',
    '-------------------------------------------------------------------------------------------------',
    '* 1  S4112F-ON                0J4T5K       A02  CN-0J4T5K-CES00-877-0160  2F7A0Q2  527 231 556 2',
    '  1  S4112F-ON-PWR-1-AC-R     00X3X6       A00  TH-00X3X6-17971-86P-0GA3  AEIOU##  226 457 410 55',
  ].join('\n');
  assert.equal(parseFacts(output, dellOs10.facts), { model: 'S4112F-ON', serial: '2F7A0Q2', osVersion: '10.5.1.0' });
});

facts.run();
