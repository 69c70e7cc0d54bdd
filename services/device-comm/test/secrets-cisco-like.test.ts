import { suite } from 'uvu';
import { aristaEos, arubaAosCx, ciscoAsa, ciscoIos, ciscoIosXe, ciscoIosXr, ciscoNxos, dellOs10 } from '../src/platforms/index.js';
import { assertMasked, assertUntouched, type SecretCase } from './secret-cases.js';

// Lines as the devices print them. Sources: netconan's test tables (tests/unit/test_sensitive_item_removal.py,
// themselves from RANCID), Oxidized's model files, Cisco configuration guides and command references,
// Arista AVD's documentation, HPE's AOS-CX guides, Dell's OS10 user guide.

const it = suite('secrets of Cisco-like CLIs, by keyword');

const IOS_CASES: readonly SecretCase[] = [
  // netconan, cisco_password_lines
  ['enable secret 5 {}', '$1$wtHI$0rN7R8PKwC30AsCGA77vy.'],
  ['enable password level 3 5 {}', '$1$wtHI$0rN7R8PKwC30AsCGA77vy.'],
  ['username Someone view Someview password 7 {}', '122A00190102180D3C2E'],
  ['ip ftp password 7 {}', '122A00190102180D3C2E'],
  [' ip ospf authentication-key 0 {}', 'RemoveMe'],
  ['ip ospf message-digest-key 124 md5 7 {}', '122A00190102180D3C2E'],
  ['standby authentication md5 key-string {} timeout 123', 'RemoveMe'],
  ['digest secret {} hash MD5', 'RemoveMe'],
  ['ppp chap password 0 {}', 'RemoveMe'],
  ['pre-shared-key remote 6 {}', 'FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB'],
  ['radius-server host 1.1.1.1 key 0 {}', 'RemoveMe'],
  ['ntp authentication-key 123 md5 {} 1', 'RemoveMe'],
  ['crypto isakmp key 6 {} hostname Something', 'RemoveMe'],
  ['snmp-server community {} RW 2', 'secretcommunity'],
  ['snmp-server host 1.1.1.1 vrf Something informs {} config', 'RemoveMe'],
  ['snmp-server host 1.1.1.1 traps version 2c {}', 'RemoveMe'],
  ['isis password {}', 'RemoveMe'],
  ['area-password {} authenticate snp send-only', 'RemoveMe'],
  ['l2tp tunnel password 0 {}', 'RemoveMe'],
  // IOS XE security configuration guides: RADIUS/TACACS+ server blocks and private servers
  ['radius server ISE-1\n address ipv4 10.1.1.10 auth-port 1812 acct-port 1813\n key 7 {}', '0822455D0A16544541'],
  ['radius server ISE-2\n key 0 {}', 'Rad1usKey'],
  ['radius server ISE-3\n key 6 {}', 'UcKHcE^Y[KMM\\`bZAAB'],
  ['tacacs server TAC-1\n address ipv4 10.1.1.20\n key 7 {}', '045802150C2E1D1C5A'],
  ['aaa group server tacacs+ TAC\n server-private 10.1.1.21 key 7 {}', '110A1016141D5A5E57'],
  ['aaa server radius dynamic-author\n client 10.0.0.1 server-key 7 {}', '02050D480809'],
  // First-hop redundancy guides
  [' standby 1 authentication md5 key-string 7 {}', '104D000A0618'],
  [' vrrp 1 authentication text {}', 'vrrpPass'],
  [' glbp 1 authentication md5 key-string {}', 'glbpKey1'],
  // PPP, key chains, IKE
  [' ppp pap sent-username branch1 password 7 {}', '01100F175804'],
  ['key chain EIGRP-KEYS\n key 1\n  key-string 7 {}', '070C285F4D06'],
  ['crypto keyring KR\n  pre-shared-key address 0.0.0.0 0.0.0.0 key {}', 'IkeSharedKey'],
  // Catalyst 9800 WLAN and AP profile, 802.1X supplicant credentials
  ['wlan corp 1 corp\n security wpa psk set-key ascii 0 {}', 'Wlan-Psk-2024'],
  ['ap profile default-ap-profile\n mgmtuser username apadmin password 0 {} secret 0 {}', 'Ap-Login-1', 'Ap-Enable-1'],
  ['dot1x credentials SUPPLICANT\n username sw-c9200l\n password 0 {}', 'Dot1xPass'],
  // SNMPv3 users, HTTP client, WCCP
  ['snmp-server user nms NMS v3 auth sha {} priv aes 128 {}', 'AuthKey-1', 'PrivKey-2'],
  ['ip http client password 0 {}', 'HttpClientPw'],
  ['ip wccp 61 password 0 {}', 'WccpPw'],
  ['wpa-psk ascii 7 {}', '1306121D0B1E'],
];

const XR_CASES: readonly SecretCase[] = [
  // peering-manager's IOS XR template: `password encrypted` under a BGP neighbor
  [' neighbor 192.0.2.1\n  password encrypted {}', '13061E010803'],
  ['username admin\n group root-lr\n secret 10 {}', '$6$Bk3Jl0Bn1vdP7l0.$Aq.5YbHj8mC1sIHkQzPDYGmDc/UUYvOy3VjH/JVZEzwu8ZbBZqjzRx8PX5sWtB8wmcm0xjEZaVwwTc1vFMHhL1'],
  ['mpls ldp\n neighbor 10.0.0.2:0 password encrypted {}', '060506324F41'],
  ['router ospf 1\n area 0\n  authentication-key encrypted {}', '1511021F0725'],
  ['tacacs-server host 10.1.1.1 port 49\n key 7 {}', '01100F175804'],
  ['snmp-server host 10.1.1.5 traps version 2c {}', 'XrTrapComm'],
  ['router isis core\n lsp-password hmac-md5 encrypted {}', '0822455D0A16'],
  ['key chain ISIS\n key 1\n  key-string password {}', '02050D480809'],
];

const NXOS_CASES: readonly SecretCase[] = [
  ['username admin password 5 {}  role network-admin', '$5$Ksjh1KwZ$xhV0O1Nc2FCMyLYB1d1ZqqXq8Z1Zk8oN8c5cCc8SCt5'],
  ['snmp-server user admin network-admin auth md5 {} priv {} localizedkey', '0x4f2e9a2b7c8d', '0x9a8b'],
  ['tacacs-server host 10.10.1.30 key 7 {}', '"fewhg12"'],
  ['  ip ospf message-digest-key 1 md5 3 {}', 'b1e1b3c5f1a2'],
  // NX-OS security and unicast routing configuration guides
  ['snmp-server user nms network-operator auth sha {} priv aes-128 {} localizedkey', '0x6e4b8c0ea1f2', '0x1c2d3e4f5a6b'],
  ['radius-server host 10.10.1.40 key 7 {} authentication accounting', '"fewhg12"'],
  ['radius-server key 7 {}', '"qxz12345"'],
  ['tacacs-server key 7 {}', '"fewhg12"'],
  ['  ip ospf authentication-key 3 {}', 'b1e1b3c5f1a2'],
  ['  hsrp 10\n    authentication md5 key-string {}', 'HsrpKey1'],
  ['ntp authentication-key 1 md5 {} 7', 'fewhg'],
  ['  neighbor 10.0.0.1\n    password 3 {}', '5b2d2b1a9c3e'],
];

const ASA_CASES: readonly SecretCase[] = [
  ['enable password {} pbkdf2', '$sha512$5000$ABCDEFGHIJKLMNOPQRSTUV==$ABCDEFGHIJKLMNOPQRSTUV=='],
  ['passwd {} encrypted', '2KFQnbNIdI.2KYOU'],
  [' ikev1 pre-shared-key {}', 'TunnelPsk1'],
  [' ikev2 remote-authentication pre-shared-key {}', 'TunnelPsk2'],
  ['aaa-server ISE (inside) host 10.1.1.10\n key {}', 'AsaRadKey'],
  ['failover key {}', 'FailoverKey'],
  [' ldap-login-password {}', 'LdapBindPw'],
  ['snmp-server host inside 10.1.1.5 community {} version 2c', 'AsaComm'],
];

const EOS_CASES: readonly SecretCase[] = [
  // Arista AVD documentation, radius-servers example
  ['radius-server host 10.10.10.157 vrf mgt key 7 {}', '071B245F5A'],
  ['aaa root secret sha512 {}', '$6$Bk3Jl0Bn1vdP7l0.$Aq.5YbHj8mC1sIHkQzPDYGmDc/UUYvOy3VjH'],
  ['username admin privilege 15 role network-admin secret sha512 {}', '$6$RMxgK5ALGIf.nWEC$tHuKCyfNtJMCY561'],
  ['snmp-server user nms NMS v3 localized 000000000000 auth sha {} priv aes {}', '0x22bb', '0x11aa'],
  ['   neighbor 10.0.0.1 password 7 {}', 'AQQvKeimxJu+uGQ/yYvv9w=='],
];

const AOSCX_CASES: readonly SecretCase[] = [
  // HPE AOS-CX security guide: `radius-server host IP-ADDR [key <plain|cipher>text KEY]`
  ['radius-server host 10.1.1.10 key ciphertext {} vrf mgmt', 'AQBapRk2nX0ZQw=='],
  ['tacacs-server host 10.1.1.20 key ciphertext {} vrf mgmt', 'AQBapTk2nX0ZQw=='],
  ['user admin group administrators password ciphertext {}', 'AQBapWk2nX0ZQw=='],
  ['snmp-server host 10.1.1.5 trap version v2c community {}', 'CxTrapComm'],
];

const OS10_CASES: readonly SecretCase[] = [
  // Dell OS10 user guide: `tacacs-server host ip key 9 ...`, SNMPv3 users
  ['tacacs-server host 10.10.1.30 key 9 {}', '3a95c26b2a5b96a6b80036839f296babe03560f4b0b7220d6454b3e71bdfc59b'],
  ['snmp-server user nms NMS 3 auth sha {} priv aes {}', 'Os10Auth', 'Os10Priv'],
  ['username admin password {} role sysadmin priv-lvl 15', '$6$q9QBeYjZ$jfxzVqGhkxX3smxJSH9DDz7/3OJc6m5wjF8nnLD7/VKx8SloIhp4NoGZs0I/UNwh8WVuxwfd9q4pWIgNs5BKH.'],
  // OS10 user guide, enable passwords per privilege level: the hash type is written `sha-256`, `sha-512`
  ['enable password sha-256 {} priv-lvl 12', '$5$2uThib1o$84p.tykjmz/w7j26ymoKBjrb7uepkUB'],
  ['enable password 0 {} priv-lvl 3', 'P@$$w0Rd'],
  ['radius-server host 10.10.1.40 key 9 {}', '3a95c26b2a5b96a6b80036839f296babe03560f4b0b7220d6454b3e71bdfc59b'],
];

const PLATFORM_CASES = [
  [ciscoIos, IOS_CASES], [ciscoIosXe, IOS_CASES], [ciscoIosXr, XR_CASES], [ciscoNxos, NXOS_CASES], [ciscoAsa, ASA_CASES],
  [aristaEos, EOS_CASES], [arubaAosCx, AOSCX_CASES], [dellOs10, OS10_CASES],
] as const;

for (const [platform, cases] of PLATFORM_CASES) {
  for (const secretCase of cases) {
    it(`${platform.id}: ${secretCase[0].split('\n').at(-1)?.trim() ?? ''}`, () => assertMasked(platform, secretCase));
  }
}

const ORDINARY_LINES = [
  'key chain EIGRP-KEYS',
  ' key 1',
  'crypto key generate rsa modulus 2048',
  'crypto key zeroize rsa',
  'password-policy STRONG',
  'service password-encryption',
  'password encryption aes',
  'aaa password restriction',
  'no password',
  ' no password',
  ' ip authentication key-chain eigrp 1 EIGRP-KEYS',
  ' standby 1 authentication md5 key-chain HSRP',
  ' keepalive 10 3',
  'snmp-server location DC1 row 1 rack 2',
  'snmp-server host 10.1.1.1 use-vrf management',
  'snmp-server group NMS v3 priv read ALL write ALL',
  ' description key account uplink, password reset portal',
  'aaa authentication login default group tacacs+ local',
  'aaa group server tacacs+ TAC',
  'tacacs server TAC-1',
  'radius server ISE-1',
  ' security wpa akm psk',
  'username netops privilege 15 nopassword',
  ' set community 65000:100 additive',
  ' neighbor 10.0.0.1 send-community both',
  'security passwords min-length 8',
  'ip ssh pubkey-chain',
  'privilege exec level 15 show running-config',
  // Error and log messages go through the same masking.
  'unprivileged (eos-locked>) and no enable password is set',
];

it('ordinary Cisco-like lines that mention secret words are stored unchanged', () => {
  for (const platform of [ciscoIos, ciscoIosXr, ciscoNxos, ciscoAsa, aristaEos, arubaAosCx, dellOs10]) assertUntouched(platform, ORDINARY_LINES);
});

it.run();
