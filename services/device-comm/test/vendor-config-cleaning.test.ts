import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanConfig } from '../src/capture/index.js';
import {
  arubaAosCx, fortinetFortiOs, hpProCurve, huaweiVrp, juniperJunos, linuxFiles, mikrotikRouterOs, paloAltoPanOs,
} from '../src/platforms/index.js';

// Config excerpts in each vendor's own format (several from Oxidized's recorded sessions), cleaned the
// way a capture stores them: no volatile lines, every secret masked, everything else untouched.

const it = suite('cleaning configs beyond the Cisco-like family');

const cleaned = (lines: readonly string[], platform: Parameters<typeof cleanConfig>[1]): string => cleanConfig(lines.join('\n'), platform);

it('Junos: SECRET-DATA values, passwords inside archive URLs, community names; the commit stamp and {master} go', () => {
  const config = cleaned(
    [
      '## Last commit: 2024-12-06 11:41:05 UTC by root',
      'version 22.4R3-S2.11;',
      'system {',
      '    root-authentication {',
      '        encrypted-password "$6$abc$very.secret"; ## SECRET-DATA',
      '    }',
      '    archival {',
      '        configuration {',
      '            archive-sites {',
      '                "pasvftp://demouser:CorrectHorseBattery@203.0.113.10/backup/";',
      '                "ftp://demouser2@203.0.113.11/backup/" password "$9$FAKEHASHDATA"; ## SECRET-DATA',
      '            }',
      '        }',
      '    }',
      '}',
      'snmp {',
      '    community s3cr3t {',
      '        authorization read-only;',
      '    }',
      '}',
      '',
      '{master:0}',
    ],
    juniperJunos,
  );
  assert.not.match(config, /very\.secret|CorrectHorseBattery|FAKEHASHDATA|s3cr3t|Last commit|master/);
  assert.match(config, /^ {8}encrypted-password <removed>; ## SECRET-DATA$/m);
  assert.match(config, /^ {16}"pasvftp:\/\/demouser:<removed>@203\.0\.113\.10\/backup\/";$/m);
  assert.match(config, /^ {16}"ftp:\/\/demouser2@203\.0\.113\.11\/backup\/" password <removed>; ## SECRET-DATA$/m);
  assert.match(config, /^ {4}community <removed> \{$/m);
  assert.ok(juniperJunos.configComplete.test(config));
});

it('FortiOS: every ENC value and a multi-line private key, but not the certificate', () => {
  const config = cleaned(
    [
      '#config-version=FGT91G-7.4.7-FW-build2731-250120:opmode=1:vdom=0:user=TACACS-USER',
      '#conf_file_ver=440000000000001',
      'config system snmp user',
      '    edit "snmpuser"',
      '        set auth-pwd ENC AAAAAAAAAABBBBBBBBBBCCCCCCCCCC',
      '        set priv-pwd ENC AAAAAAAAAABBBBBBBBBBCCCCCCCCCD',
      '    next',
      'end',
      'config system certificate local',
      '    edit "certificate"',
      '        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----',
      'XXENCRYPTEDPRIVATEKEYXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      '-----END ENCRYPTED PRIVATE KEY-----"',
      '        set certificate "-----BEGIN CERTIFICATE-----',
      'MIIDCERTIFICATEBODY',
      '-----END CERTIFICATE-----"',
      '    next',
      'end',
    ],
    fortinetFortiOs,
  );
  assert.not.match(config, /AAAAAAAAAA|ENCRYPTEDPRIVATEKEY|conf_file_ver/);
  assert.match(config, /^ {8}set auth-pwd ENC <removed>\n {8}set priv-pwd ENC <removed>$/m);
  assert.match(config, /^ {8}set private-key <removed>\n {8}set certificate "-----BEGIN CERTIFICATE-----\nMIIDCERTIFICATEBODY\n/m);
  assert.ok(fortinetFortiOs.configComplete.test(config));
});

it('VRP: cipher text wherever it stands', () => {
  const config = cleaned(
    [
      '!Software Version V200R019C10SPC800',
      '!Last configuration was updated at 2026-11-22 10:00:00+00:00 by admin',
      '#',
      'aaa',
      " local-user admin password irreversible-cipher $1c$%8f.$Mop%T4e+c3W>6'lK.@%,7<<@j8fG:UVq\\&%^Q$",
      'radius-server template RAD',
      ' radius-server shared-key cipher %^%#B7%_,}3k8JW/N*Ex-5+0Y1WnV\'FVO4$l$\'AN;4D%^%#',
      '#',
      'return',
    ],
    huaweiVrp,
  );
  assert.is(config, ['!Software Version V200R019C10SPC800', '#', 'aaa', ' local-user admin password irreversible-cipher <removed>', 'radius-server template RAD', ' radius-server shared-key cipher <removed>', '#', 'return', ''].join('\n'));
});

it('PAN-OS: hashes and keys in the braces format and in XML', () => {
  const braces = cleaned(['config {', '  mgt-config {', '    users {', '      admin {', '        phash $5$abc$hash;', '      }', '    }', '  }', '}'], paloAltoPanOs);
  assert.match(braces, /^ {8}phash <removed>;$/m);
  const xml = cleaned(['<config>', '<phash>$1$abc$hash</phash>', '<key>-AQ==c2VjcmV0</key>', '<hostname>PA-VM</hostname>', '</config>'], paloAltoPanOs);
  assert.is(xml, ['<config>', '<phash><removed></phash>', '<key><removed></key>', '<hostname>PA-VM</hostname>', '</config>', ''].join('\n'));
});

it('RouterOS: quoted values with spaces, several secrets on one line, the export time', () => {
  const config = cleaned(
    [
      '# 2026-11-22 10:00:00 by RouterOS 7.14',
      '# software id = R98Z-YE17',
      '/interface wireguard add listen-port=13231 mtu=1420 name=wg0 private-key="cGFzc3dvcmQ="',
      '/interface wifi security add authentication-types=wpa2-psk name=office passphrase="two words" wpa2-pre-shared-key="two words"',
      '/snmp community add addresses=10.0.0.0/8 authentication-password=auth-secret encryption-password=priv-secret name=nms',
    ],
    mikrotikRouterOs,
  );
  assert.not.match(config, /cGFzc3dvcmQ|two words|auth-secret|priv-secret|name=nms|RouterOS 7\.14/);
  assert.match(config, /^\/interface wireguard add listen-port=13231 mtu=1420 name=wg0 private-key=<removed>$/m);
  assert.match(config, /authentication-password=<removed> encryption-password=<removed> name=<removed>$/m);
});

it('ProCurve and AOS-CX: quoted and ciphertext credentials', () => {
  const procurve = cleaned(
    ['Running configuration:', '', '; J9729A Configuration Editor; Created on release #WB.16.10.0009', 'radius-server host 10.1.1.1 key "rad1us"', 'snmpv3 user "nms" auth sha "authpass" priv aes "privpass"'],
    hpProCurve,
  );
  assert.is(procurve, ['; J9729A Configuration Editor; Created on release #WB.16.10.0009', 'radius-server host 10.1.1.1 key <removed>', 'snmpv3 user "nms" auth sha <removed> priv aes <removed>', ''].join('\n'));
  const cx = cleaned(['!Version ArubaOS-CX FL.10.10.1000', 'snmpv3 user nms auth sha auth-pass ciphertext AQBapXa priv aes priv-pass ciphertext AQBapXb'], arubaAosCx);
  assert.match(cx, /^snmpv3 user nms auth sha auth-pass ciphertext <removed> priv aes priv-pass ciphertext <removed>$/m);
});

it('Linux: a list of files read with tail, each under its header', () => {
  const platform = linuxFiles(['/etc/hostname', '/etc/network/interfaces']);
  assert.is(platform.commands.config, 'tail -n +1 /etc/hostname /etc/network/interfaces');
  const config = cleaned(['==> /etc/hostname <==', 'web1', '', '==> /etc/network/interfaces <==', 'auto wlan0', 'iface wlan0 inet dhcp', '    wpa-psk hunter22'], platform);
  assert.match(config, /^ {4}wpa-psk <removed>$/m);
  assert.ok(platform.configComplete.test(config));
});

it.run();
