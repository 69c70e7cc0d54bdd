import { suite } from 'uvu';
import { fortinetFortiOs, hpProCurve, huaweiVrp, juniperJunos, linux, mikrotikRouterOs, paloAltoPanOs } from '../src/platforms/index.js';
import { assertMasked, assertUntouched, type SecretCase } from './secret-cases.js';

// Lines as the devices print them. Sources: netconan's juniper_password_lines, Juniper's CLI guides,
// Oxidized's fortios.rb and vrp.rb, Fortinet's CLI reference, Palo Alto's admin guide (LDAP server profile,
// certificates), MikroTik's manual (`/export`), Huawei's CE command reference (`peer password cipher`),
// HPE's ProCurve access security guide.

const it = suite('secrets of Junos, FortiOS, PAN-OS, RouterOS, VRP, ProCurve and Linux, by keyword');

const JUNOS_CASES: readonly SecretCase[] = [
  // netconan, juniper_password_lines
  ['set system tacplus-server 1.2.3.4 secret {}', '"$9$HqfQ1IcrK8n/t0IcvM24aZGi6/t"'],
  ['set interfaces irb unit 5 family inet address 1.2.3.0/24 vrrp-group 5 authentication-key {}', '"$9$i.m5OBEevLz3RSevx7-VwgZj5TFCA0Tz9p"'],
  ['set security ike policy test-ike-policy pre-shared-key ascii-text {}', '"$9$/E6g9tO1IcSrvfTCu1hKv-VwgJD"'],
  ['set system root-authentication encrypted-password {}', '"$1$CXKwIUfL$6vLSvatE2TCaM25U4u9Bh1"'],
  ['set snmp community {} authorization read-only', 'SECRETTEXT'],
  ['key hexadecimal {}', 'ABCDEF123456'],
  // The braces form (show configuration)
  ['            encrypted-password {}; ## SECRET-DATA', '"$6$abc$very.secret"'],
  ['        radius-server 10.1.1.10 {\n            secret {}; ## SECRET-DATA', '"$9$FAKEHASHDATA"'],
  ['                authentication-key {}; ## SECRET-DATA', '"$9$Bgb2aZjHmTQ"'],
  ['            md5 1 key {}; ## SECRET-DATA', '"$9$abcDEF"'],
  ['    community {} {', 'public-ro'],
  // NTP keys: the number is the key id (a Junos diff of `system ntp`), and SNMPv3 USM privacy keys.
  ['    authentication-key 24 type md5 value {}; ## SECRET-DATA', '"$9$ZfDkPz39pu1zFcyKvLX"'],
  ['set system ntp authentication-key 24 type md5 value {}', '"$9$ZfDkPz39pu1zFcyKvLX"'],
  ['set snmp v3 usm local-engine user nms privacy-aes128 privacy-key {}', '"$9$Ex5hrlKvWxdbs4ZGji.5Qn"'],
  ['set snmp v3 usm local-engine user nms authentication-sha authentication-key {}', '"$9$dVb2aZjHmTQn6"'],
];

const FORTIOS_CASES: readonly SecretCase[] = [
  // Oxidized fortios.rb masks `set (passwd|password|secondary-secret|rsso-secret|psksecret|secret|key ENC)`
  ['        set password ENC {}', 'SH2nlSm9ajR2bp3mz7c4aGQbH1bYL8='],
  ['        set psksecret ENC {}', 'Kc3ZOq6QzJ2ljxXMhw4Q9w=='],
  ['        set key ENC {}', 'AbCdEfGh=='],
  ['        set secondary-secret ENC {}', 'QmFzZTY0U2VjcmV0'],
  ['        set md5-key {}', 'OspfMd5Key'],
  ['        set privatekey {}', '"aGVsbG8gd29ybGQgcHJpdmF0ZQ=="'],
  ['        set passphrase ENC {}', 'V2lmaVBhc3M='],
  ['        set auth-pwd ENC {}', 'QXV0aFB3ZA=='],
  ['        set private-key {}', '"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJ\n-----END ENCRYPTED PRIVATE KEY-----"'],
  // Fortinet community, OSPF MD5 on FortiOS 6.0 (`set md5-key <id> <key>`) and 6.2+ (`config md5-keys`)
  ['        set md5-key 1 {}', 'fortinet123'],
  ['            set key-string {}', 'fortinet123'],
  // Fortinet CLI reference, `config system snmp community`: the community is the entry's name
  ['config system snmp community\n    edit 1\n        set name {}', '"public"'],
];

const PANOS_CASES: readonly SecretCase[] = [
  ['        phash {};', '$1$fkqasbbi$2W4vRuMSJmoUYhQ4MaX5Y1'],
  ['          bind-password {};', '-AQ==NmVkMzJiNWI0YmE0NmQ='],
  ['            private-key {};', '-AQ==b2Y5MmMzZWI1NmY4'],
  ['            passphrase {};', 'CertPassphrase1'],
  ['            pre-shared-key {\n              key {};', '-AQ==a2V5a2V5a2V5'],
  ['set mgt-config users admin phash {}', '$1$fkqasbbi$2W4vRuMSJmoUYhQ4MaX5Y1'],
  ['<bind-password>{}</bind-password>', '-AQ==NmVkMzJiNWI0'],
];

const ROUTEROS_CASES: readonly SecretCase[] = [
  // MikroTik manual, /export show-sensitive
  ['/interface wireguard peers add allowed-address=10.0.0.2/32 interface=wg0 preshared-key={} public-key="pub="', '"cHJlc2hhcmVk"'],
  ['/routing bgp connection add name=peer1 remote.address=192.0.2.1 tcp-md5-key={}', 'BgpMd5Key'],
  ['/snmp set enabled=yes trap-community={}', 'TrapComm'],
  ['/ppp secret add name=branch1 password={} service=pptp', 'PppPass'],
  ['/radius add address=10.1.1.10 secret={} service=login', 'RadSecret'],
  ['/routing ospf interface-template add area=backbone auth=md5 auth-key={}', 'OspfKey'],
  ['/interface l2tp-server server set enabled=yes ipsec-secret={} use-ipsec=yes', 'L2tpIpsec'],
  ['/ip ipsec identity add peer=p1 secret={}', 'IpsecPsk'],
];

const VRP_CASES: readonly SecretCase[] = [
  [' local-user admin password irreversible-cipher {}', "$1c$%8f.$Mop%T4e+c3W>6'lK.@%,7<<@j8fG:UVq\\&%^Q$"],
  [' peer 10.1.1.2 password cipher {}', '%^%#vd=9V4Pf;HI,]B@/Ge=8Iq{/+}^Y%^%#'],
  ['snmp-agent community read cipher {}', '%^%#Y@9cK6AbHYj`A9:2h1~S~b@M@%^%#'],
  [' ospf authentication-mode md5 1 plain {}', 'OspfPlain'],
  ['snmp-agent usm-user v3 nms authentication-mode sha cipher {} privacy-mode aes128 cipher {}', 'AuthCipher1', 'PrivCipher2'],
  [' pre-shared-key cipher {}', 'IkePskCipher'],
];

const PROCURVE_CASES: readonly SecretCase[] = [
  ['password manager user-name "admin" sha1 {}', '"f0347ce3a03a3bba7f1a8a2b2e9d8b5a2ca2a8f4"'],
  ['radius-server host 10.1.1.1 key {}', '"rad1us"'],
  ['tacacs-server host 10.1.1.2 key {}', '"tac4cs"'],
  ['snmpv3 user "nms" auth sha {} priv aes {}', '"authpass"', '"privpass"'],
  ['snmp-server community {} operator', '"public"'],
];

const LINUX_CASES: readonly SecretCase[] = [
  ['    wpa-psk {}', 'hunter22'],
  ['psk={}', '"wpa supplicant psk"'],
  ['wpa_passphrase={}', 'HostapdPass'],
  // NetworkManager keyfiles: a value runs to the end of its line, spaces included
  ['[wifi-security]\nkey-mgmt=wpa-psk\npsk={}', 'correct horse battery'],
  ['[802-1x]\neap=ttls;\nidentity=mpihl15@student.aau.dk\npassword={}', '.2101960431.'],
  // netplan: an access point's PSK and an `auth:` block's EAP password
  ['      access-points:\n        "corp":\n          password: {}', '"YOUR_PASSWORD"'],
  ['          auth:\n            key-management: eap\n            password: {}', '"your password"'],
  ['            password: {}', 'unquoted pass phrase'],
];

const PLATFORM_CASES = [
  [juniperJunos, JUNOS_CASES], [fortinetFortiOs, FORTIOS_CASES], [paloAltoPanOs, PANOS_CASES], [mikrotikRouterOs, ROUTEROS_CASES],
  [huaweiVrp, VRP_CASES], [hpProCurve, PROCURVE_CASES], [linux, LINUX_CASES],
] as const;

for (const [platform, cases] of PLATFORM_CASES) {
  for (const secretCase of cases) {
    it(`${platform.id}: ${secretCase[0].split('\n').at(-1)?.trim() ?? ''}`, () => assertMasked(platform, secretCase));
  }
}

it('ordinary lines of these families are stored unchanged', () => {
  assertUntouched(juniperJunos, [
    '    login {', '        password {', '            minimum-length 8;', 'set policy-options community CUST members 65000:100',
    '            authentication-key-chain KC;', '    authentication-key-chains {', '        description "key account, password portal";',
  ]);
  assertUntouched(fortinetFortiOs, [
    '        set password-expire enable', '        set keylife 86400', '        set auth-type psk', '        set certificate "Fortinet_Factory"',
    // A community block ends at its `end`; a name elsewhere is only a name.
    'config system snmp community', '    edit 1', '        config hosts', '            edit 1', '            next', '        end', '    next', 'end',
    'config system dns-database', '    edit "lab"', '        set name "lab.netraven.test"', '    next', 'end', '            set authentication md5',
  ]);
  assertUntouched(paloAltoPanOs, ['      password-complexity {', '        key-lifetime 8;', '      key {', '        description "key ring";']);
  assertUntouched(mikrotikRouterOs, ['/interface wireguard add listen-port=13231 name=wg0 public-key="pub="', '/ip service set ssh port=22']);
  assertUntouched(huaweiVrp, [' authentication-mode hwtacacs local', ' description cipher suite uplink', 'ssl cipher-suite-list CS1']);
  assertUntouched(hpProCurve, ['password manager', 'aaa authentication ssh login public-key', 'snmp-server location "DC1"']);
  assertUntouched(juniperJunos, ['        trusted-key 24;', '        server 10.1.10.6 prefer;', '            authentication-key-chain KC;']);
  assertUntouched(linux, [
    'key-mgmt=wpa-psk', 'psk-flags=0', 'password-flags=1', 'identity=svc-web', '            key-management: eap', '      password:', '    wpa-ssid corp-wifi',
  ]);
});

it.run();
