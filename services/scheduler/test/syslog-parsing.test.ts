import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSyslog, recognizeConfigChange } from '../src/syslog/index.js';
import { SAMPLES } from './syslog-samples.js';

const parse = suite('syslog parsing: RFC 3164 and 5424 with vendor deviations');

parse('priority, host and tag of a standard BSD message (Arista)', () => {
  const m = parseSyslog(SAMPLES.eos);
  assert.is(m.format, 'rfc3164');
  assert.is(m.facility, 23);
  assert.is(m.severity, 5);
  assert.is(m.hostname, 'dc1-spine1');
  assert.is(m.appName, 'ConfigAgent');
  assert.ok(m.message.startsWith('ConfigAgent: %SYS-5-CONFIG_I'));
});

parse('Cisco: sequence number, milliseconds and zone, no host', () => {
  const m = parseSyslog(SAMPLES.iosSeq);
  assert.is(m.hostname, undefined);
  assert.ok(m.message.startsWith('%SYS-5-CONFIG_I: Configured'), m.message);
});

parse('Cisco origin-id hostname before a `*` (unsynchronised) time', () => {
  const m = parseSyslog(SAMPLES.iosOrigin);
  assert.is(m.hostname, 'core-r1');
  assert.ok(m.message.startsWith('%SYS-5-CONFIG_I'), m.message);
});

parse('NX-OS `: ` after the priority and year-first time; with and without a host', () => {
  assert.is(parseSyslog(SAMPLES.nxos).hostname, undefined);
  assert.ok(parseSyslog(SAMPLES.nxos).message.startsWith('%VSHD-5-VSHD_SYSLOG_CONFIG_I'));
  assert.is(parseSyslog(SAMPLES.nxosHost).hostname, 'Nexus-7000');
});

parse('IOS XR node id before the time, process tag after it', () => {
  const m = parseSyslog(SAMPLES.xr);
  assert.is(m.hostname, undefined);
  assert.is(m.appName, 'config');
  assert.is(m.severity, 6);
});

parse('Junos BSD tag with pid; Huawei date with a year', () => {
  const junos = parseSyslog(SAMPLES.junos);
  assert.is(junos.hostname, 'mx204-edge');
  assert.is(junos.appName, 'mgd');
  assert.is(parseSyslog(SAMPLES.huawei).hostname, 'HUAWEI');
});

parse('RFC 5424 with structured data (Junos structured-data format)', () => {
  const m = parseSyslog(SAMPLES.junos5424);
  assert.is(m.format, 'rfc5424');
  assert.is(m.hostname, 'mx204-edge');
  assert.is(m.appName, 'mgd');
  assert.is(m.msgId, 'UI_COMMIT_COMPLETED');
  assert.is(m.structuredData, '[junos@2636.1.1.1.2.57 username="noc" message="commit complete"]');
  assert.is(m.message, 'commit complete');
});

parse('RFC 5424: nil values, escaped `]` in structured data, BOM before the text', () => {
  const m = parseSyslog('<165>1 2026-11-30T14:02:11Z - - - - [ex@32473 note="a \\] b"][second x="1"] \uFEFFhello');
  assert.is(m.hostname, undefined);
  assert.is(m.appName, undefined);
  assert.is(m.structuredData, '[ex@32473 note="a \\] b"][second x="1"]');
  assert.is(m.message, 'hello');
  assert.is(parseSyslog('<14>1 2026-11-30T14:02:11Z h app - - -').message, '');
});

parse('FortiOS key=value lines: the host is `devname`', () => {
  const m = parseSyslog(SAMPLES.forti);
  assert.is(m.hostname, 'FGT-HQ');
  assert.is(m.severity, 5);
});

parse('garbage is a message without a header, never an exception', () => {
  for (const raw of ['', '<>', '<999>x', 'hello world', '<13>', '<13>1 ', '<13>1 a b c d e [unterminated']) {
    const m = parseSyslog(raw);
    assert.type(m.message, 'string');
  }
  assert.is(parseSyslog('<999>x').facility, undefined);
});

parse.run();

const recognize = suite('configuration-change recognizers (real vendor messages)');
const kindOf = (raw: string) => recognizeConfigChange(parseSyslog(raw));

recognize('each vendor\'s change message, with who made it', () => {
  const expected: Array<[keyof typeof SAMPLES, string, string | undefined]> = [
    ['iosSeq', 'cisco-ios', 'admin'], ['iosOrigin', 'cisco-ios', 'vty2'], ['iosStack', 'cisco-ios', 'netops'],
    ['eos', 'cisco-ios', 'admin'], ['eosCapi', 'cisco-ios', 'local_command_api'], ['eosEnter', 'arista-eos', 'admin'],
    ['nxos', 'cisco-nxos', 'admin'], ['nxosHost', 'cisco-nxos', 'admin'],
    ['xr', 'cisco-iosxr', 'ZTP'], ['xrSys', 'cisco-ios', 'clab'],
    ['junos', 'juniper-junos', undefined], ['junosCommit', 'juniper-junos', 'jdoe'], ['junos5424', 'juniper-junos', undefined],
    ['forti', 'fortinet-fortios', 'admin'], ['fortiObject', 'fortinet-fortios', 'admin'],
    ['panos', 'paloalto-panos', 'admin'], ['aruba', 'aruba', 'admin'],
    ['huawei', 'huawei-vrp', 'netops'], ['huaweiNetconf', 'huawei-vrp', 'netops'], ['asa', 'cisco-asa', '10.1.0.5'],
  ];
  for (const [sample, kind, user] of expected) {
    const change = kindOf(SAMPLES[sample]);
    assert.ok(change, `${sample} is a change`);
    assert.is(change?.kind, kind, sample);
    assert.is(change?.user, user, sample);
  }
});

recognize('unrelated messages are not changes', () => {
  for (const sample of ['iosUptime', 'bgp', 'fortiLogin', 'panosSystem', 'junosCheck'] as const) {
    assert.is(kindOf(SAMPLES[sample]), null, sample);
  }
  assert.is(kindOf('<189>Nov 30 14:02:11 r1 sshd[1]: Accepted password for admin from 10.0.0.1'), null);
  assert.is(kindOf('<189>Nov 30 14:02:11 r1 %SYS-5-CONFIG_IX: not this'), null);
});

recognize.run();
