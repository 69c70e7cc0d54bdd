import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanConfig, redactSecrets } from '../src/capture/index.js';
import { ciscoIos, getPlatform, listPlatforms, parseFacts } from '../src/platforms/index.js';

const cleaning = suite('cleaning a captured Cisco IOS config');

const transcript = [
  'R1#show running-config',
  'Building configuration...',
  '',
  'Current configuration : 1747 bytes',
  '!',
  '! Last configuration change at 07:44:06 UTC Fri Jan 30 2015 by Hakan',
  '! NVRAM config last updated at 07:45:01 UTC Fri Jan 30 2015 by Hakan',
  '!',
  'version 15.1',
  'hostname R1',
  '!',
  'enable secret 5 $1$abcd$Xy3oA1ZbC9qW2eR4tY6uI.',
  'username netops privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM',
  'username old password 7 094F471A1A0A',
  '!',
  'interface GigabitEthernet0/0',
  ' ip ospf message-digest-key 1 md5 7 070C285F4D06',
  '!',
  'snmp-server community s3cr3t-ro RO',
  'snmp-server host 10.1.1.1 version 2c s3cr3t-trap',
  'tacacs-server key 7 0822455D0A16',
  'crypto isakmp key hunter2 address 0.0.0.0',
  'ntp clock-period 17208629',
  'line vty 0 4',
  ' password 7 0822455D0A16',
  '!',
  'end',
  '',
  'R1#',
].join('\r\r\n');

cleaning('drops echo, header, volatile lines and the prompt; masks every secret', () => {
  assert.is(
    cleanConfig(transcript, ciscoIos),
    [
      '!',
      '!',
      'version 15.1',
      'hostname R1',
      '!',
      'enable secret 5 <removed>',
      'username netops privilege 15 secret 9 <removed>',
      'username old password 7 <removed>',
      '!',
      'interface GigabitEthernet0/0',
      ' ip ospf message-digest-key 1 md5 7 <removed>',
      '!',
      'snmp-server community <removed> RO',
      'snmp-server host 10.1.1.1 version 2c <removed>',
      'tacacs-server key 7 <removed>',
      'crypto isakmp key <removed> address 0.0.0.0',
      'line vty 0 4',
      ' password 7 <removed>',
      '!',
      'end',
      '',
    ].join('\n'),
  );
});

cleaning('gives the same result for the session output (no echo, no prompt)', () => {
  const sessionOutput = transcript.split('\r\r\n').slice(1, -2).join('\n');
  assert.is(cleanConfig(sessionOutput, ciscoIos), cleanConfig(transcript, ciscoIos));
});

cleaning('returns an empty string when there is no config at all', () => {
  assert.is(cleanConfig('Building configuration...\r\n\r\n', ciscoIos), '');
});

cleaning('redacts secrets in free text such as log lines, leaving the rest alone', () => {
  const masked = redactSecrets('got:\nenable secret 9 $9$abc$def\nhostname R1\n', ciscoIos);
  assert.is(masked, 'got:\nenable secret 9 <removed>\nhostname R1\n');
});

cleaning.run();

const catalog = suite('platform catalog');

catalog('finds Cisco IOS by id and lists it', () => {
  assert.is(getPlatform('cisco_ios'), ciscoIos);
  assert.ok(listPlatforms().some((platform) => platform.id === 'cisco_ios'));
});

catalog('names the known platforms when an id is unknown', () => {
  assert.throws(() => getPlatform('cisco_wlc'), /unknown platform "cisco_wlc"; known platforms: cisco_ios/);
});

catalog('parses facts from an older IOS show version', () => {
  const output = [
    'Cisco IOS Software, 2800 Software (C2800NM-ADVIPSERVICESK9-M), Version 12.4(24)T8, RELEASE SOFTWARE (fc1)',
    'Technical Support: http://www.cisco.com/techsupport',
    '',
    'branch-12 uptime is 1 year, 2 weeks, 3 days, 4 hours, 5 minutes',
    'System image file is "flash:c2800nm-advipservicesk9-mz.124-24.T8.bin"',
    '',
    'Cisco 2811 (revision 53.51) with 249856K/12288K bytes of memory.',
    'Processor board ID FHK1234567X',
    '2 FastEthernet interfaces',
  ].join('\n');
  assert.equal(parseFacts(output, ciscoIos.facts), {
    hostname: 'branch-12',
    model: '2811',
    serial: 'FHK1234567X',
    osVersion: '12.4(24)T8',
  });
});

catalog('leaves out facts it cannot find', () => {
  assert.equal(parseFacts('nothing useful', ciscoIos.facts), {});
});

catalog.run();
