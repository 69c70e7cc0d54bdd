// How the stored config of each lab platform differs from the lab's printout, written out by hand.

/**
 * Where a secret sits in a lab config line: the line starts with the first string, and the value is
 * the word (or `"quoted text"`; never a trailing `;`) after each following marker (after the first
 * string itself when there is no marker).
 */
export type SecretPlace = readonly [lineStart: string, ...markers: string[]];

/** A secret spanning lines (a PEM key): from the line starting with `start` to the first line ending with `end`. */
export type SecretBlock = readonly [start: string, end: string];

/** How the stored config of a lab device differs from its printout, written out by hand per platform. */
export interface StoredForm {
  /** Leading lines dropped before the config proper (blank lines there go too). */
  header: readonly string[];
  /** Lines dropped anywhere because they change without a config change. */
  volatile: readonly string[];
  secrets: readonly SecretPlace[];
  /** Stored as one line: `start` and `<removed>`. */
  secretBlocks?: readonly SecretBlock[];
}

const IOS_CHANGE_STAMPS = ['! Last configuration change at ', '! NVRAM config last updated at '];
// The secret kinds every lab IOS and IOS XE box also plants (device-lab `planted-secret-lines.ts`).
const IOS_PLANTED: readonly SecretPlace[] = [
  [' key 7 '],
  [' key 0 '],
  [' server-private 10.10.1.31 key 7 '],
  [' client 10.10.1.40 server-key 7 '],
  ['  key-string 7 '],
  ['crypto isakmp key '],
  ['  pre-shared-key address 203.0.113.2 key '],
  [' password 0 '],
  [' security wpa psk set-key ascii 0 '],
  [' mgmtuser username apadmin', ' password 0 ', ' secret 0 '],
  [' standby 1 authentication md5 key-string 7 '],
  [' vrrp 2 authentication text '],
  [' ppp chap password 7 '],
  [' ppp pap sent-username branch password 7 '],
  ['snmp-server user nms NMS v3', ' auth sha ', ' priv aes 128 '],
  ['snmp-server host 10.10.1.20 version 2c '],
  ['ntp authentication-key 1 md5 '],
  ['ip http client password 0 '],
  ['ip ftp password 7 '],
];

export const STORED_FORMS: Readonly<Record<string, StoredForm>> = {
  cisco_ios: {
    header: ['Building configuration...', 'Current configuration : '],
    volatile: [...IOS_CHANGE_STAMPS, 'ntp clock-period '],
    secrets: [
      ['enable secret 9 '],
      ['username admin privilege 15 secret 9 '],
      ['username backup privilege 15 password 7 '],
      [' ip ospf message-digest-key 1 md5 7 '],
      ['tacacs-server key 7 '],
      [' password 7 '],
      ['snmp-server community '],
      ...IOS_PLANTED,
    ],
  },
  cisco_iosxe: {
    header: ['Building configuration...', 'Current configuration : '],
    volatile: IOS_CHANGE_STAMPS,
    secrets: [
      ['enable secret 9 '],
      ['username admin privilege 15 secret 9 '],
      ['username backup privilege 15 password 7 '],
      [' ip ospf message-digest-key 1 md5 7 '],
      [' key 7 '],
      [' password 7 '],
      ['snmp-server community '],
      ...IOS_PLANTED,
    ],
  },
  cisco_nxos: {
    header: ['!Command: show running-config', '!Running configuration last done at: ', '!Time: '],
    volatile: ['!Running configuration last done at: ', '!Time: '],
    secrets: [
      ['username admin password 5 '],
      ['username backup password 5 '],
      ['snmp-server user ', ' md5 ', ' priv '],
      ['snmp-server user ', ' sha ', ' aes-128 '],
      ['snmp-server host 10.10.1.20 traps version 2c '],
      ['snmp-server community '],
      ['tacacs-server key 7 '],
      ['tacacs-server host 10.10.1.30 key 7 '],
      ['radius-server key 7 '],
      ['radius-server host 10.10.1.40 key 7 '],
      ['ntp authentication-key 1 md5 '],
      ['  ip ospf authentication-key 3 '],
      ['    authentication md5 key-string '],
      ['  ip ospf message-digest-key 1 md5 3 '],
      ['    password 3 '],
    ],
  },
  cisco_iosxr: {
    header: ['Building configuration...'],
    volatile: ['!! Last configuration change at '],
    secrets: [
      [' secret 10 '], ['snmp-server community '], [' key 7 '], ['  key-string password '],
      // The kinds every lab IOS XR box also plants (device-lab `cisco-iosxr/planted-secret-lines.ts`).
      ['snmp-server user nms NMS v3', ' auth sha encrypted ', ' priv aes 128 encrypted '],
      ['snmp-server host 10.10.1.20 traps version 2c '],
      [' authentication-key 1 md5 encrypted '],
      ['radius-server key 7 '],
      ['tacacs-server key 7 '],
      [' password 7 '],
      [' lsp-password hmac-md5 encrypted '],
      ['  authentication-key encrypted '],
      ['   message-digest-key 1 md5 encrypted '],
      ['  password encrypted '],
      [' neighbor 10.255.0.1:0 password encrypted '],
    ],
  },
  cisco_asa: {
    header: [':'],
    volatile: ['Cryptochecksum:'],
    secrets: [
      ['enable password '],
      ['passwd '],
      ['username admin password '],
      ['username backup password '],
      [' key '],
      [' ikev1 pre-shared-key '],
      ['snmp-server host management 10.10.1.20 community '],
      ['snmp-server community '],
      ['username legacy password '],
      [' ospf message-digest-key 1 md5 '],
      [' ldap-login-password '],
      ['snmp-server user nms NMS v3', ' auth sha ', ' priv aes 128 '],
      ['ntp authentication-key 1 md5 '],
      [' ikev2 remote-authentication pre-shared-key '],
      [' ikev2 local-authentication pre-shared-key '],
    ],
  },
  arista_eos: {
    header: ['! Command: show running-config'],
    volatile: [],
    secrets: [
      ['enable password sha512 '],
      ['aaa root secret sha512 '],
      ['username admin privilege 15 role network-admin secret sha512 '],
      ['username backup privilege 15 role network-operator secret sha512 '],
      ['snmp-server community '],
      ['snmp-server host 10.10.1.20 version 2c '],
      ['snmp-server user nms NMS v3', ' auth sha ', ' priv aes '],
      ['tacacs-server key 7 '],
      ['tacacs-server host 10.10.1.30 key 7 '],
      ['radius-server host 10.10.1.40 vrf MGMT key 7 '],
      ['   ip ospf message-digest-key 1 md5 7 '],
      ['ntp authentication-key 1 md5 7 '],
      ['   neighbor ', ' password 7 '],
    ],
  },
  dell_os10: {
    header: [],
    volatile: ['! Last configuration change at '],
    secrets: [
      ['system-user linuxadmin password '],
      ['username admin password '],
      ['username backup password '],
      ['enable password sha-512 '],
      ['snmp-server community '],
      ['snmp-server host 10.10.1.20 traps version 2c '],
      ['snmp-server user nms NMS 3', ' auth sha ', ' priv aes '],
      ['tacacs-server host 10.10.1.30 key 9 '],
      ['radius-server host 10.10.1.40 key 9 '],
      ['  password 9 '],
    ],
  },
  juniper_junos: {
    header: [],
    volatile: ['## Last commit: '],
    secrets: [
      ['        encrypted-password '],
      ['                encrypted-password '],
      ['            secret '],
      ['                    md5 1 key '],
      ['            authentication-key '],
      ['    community '],
      ['                "scp://backup@10.10.1.60:/junos"', ' password '],
      ['        authentication-key 1 type md5 value '],
      ['            pre-shared-key ascii-text '],
      ['                        authentication-key '],
      ['                        privacy-key '],
    ],
  },
  hp_procurve: {
    header: ['Running configuration:'],
    volatile: [],
    secrets: [
      ['password manager user-name "admin" sha1 '],
      ['password operator user-name "operator" sha1 '],
      ['snmp-server community '],
      ['snmp-server host 10.10.1.20 community '],
      ['tacacs-server host 10.10.1.30 key '],
      ['tacacs-server key '],
      ['radius-server host 10.10.1.40 key '],
      ['radius-server key '],
      ['snmpv3 user "nms"', ' auth sha ', ' priv aes '],
      ['password port-access user-name "supplicant" plaintext '],
    ],
  },
  aruba_aoscx: {
    header: ['Current configuration:'],
    volatile: [],
    secrets: [
      ['user admin group administrators password ciphertext '],
      ['user backup group operators password ciphertext '],
      ['tacacs-server host 10.10.1.30 key ciphertext '],
      ['radius-server host 10.10.1.40 key ciphertext '],
      ['snmp-server community '],
      ['snmp-server host 10.10.1.20 trap version v2c community '],
      ['snmpv3 user nms', ' auth-pass ciphertext ', ' priv-pass ciphertext '],
      ['ntp authentication-key 1 md5 ciphertext '],
      ['    ip ospf message-digest-key 1 md5 ciphertext '],
    ],
  },
  mikrotik_routeros: {
    header: [],
    volatile: ['# 20'],
    secrets: [
      ['/snmp community add addresses=10.10.1.20/32 ', ' authentication-password=', ' encryption-password=', ' name='],
      ['/snmp community add ', ' name='],
      ['/snmp set ', ' trap-community='],
      ['/interface wireguard add ', ' private-key='],
      ['/interface wireguard peers add ', ' preshared-key='],
      ['/interface wireless security-profiles add ', ' wpa2-pre-shared-key='],
      ['/interface l2tp-server server set ', ' ipsec-secret='],
      ['/ip ipsec identity add ', ' secret='],
      ['/routing bgp connection add ', ' tcp-md5-key='],
      ['/routing bgp peer add ', ' tcp-md5-key='],
      ['/ppp secret add ', ' password='],
      ['/radius add ', ' secret='],
      ['/routing ospf interface add ', ' authentication-key='],
      ['/routing ospf interface-template add ', ' auth-key='],
    ],
  },
  fortinet_fortios: {
    header: [],
    volatile: ['#conf_file_ver='],
    secrets: [
      ['        set password ENC '], ['        set key ENC '], ['        set psksecret ENC '],
      ['        set name '], ['            set md5-key 1 '],
    ],
    secretBlocks: [['        set private-key ', '"']],
  },
  paloalto_panos: {
    header: [],
    volatile: [],
    secrets: [
      ['        phash '], ['              secret '], ['                  key '], ['                  snmp-community-string '],
      ['        private-key '], ['                  authpwd '], ['                  privpwd '], ['          bind-password '],
    ],
  },
  huawei_vrp: {
    header: [],
    volatile: ['!Last configuration was updated at '],
    secrets: [
      [' local-user admin password irreversible-cipher '],
      [' local-user backup password irreversible-cipher '],
      [' hwtacacs-server shared-key cipher '],
      [' ospf authentication-mode md5 1 cipher '],
      ['snmp-agent community read cipher '],
      [' radius-server shared-key cipher '],
      ['ntp-service authentication-keyid 1 authentication-mode md5 cipher '],
      [' pre-shared-key cipher '],
      [' vrrp vrid 1 authentication-mode md5 '],
      [' peer 10.255.0.1 password cipher '],
      ['snmp-agent usm-user v3 nms', ' sha cipher ', ' aes128 cipher '],
      [' set authentication password cipher '],
    ],
  },
  linux: {
    header: [],
    volatile: [],
    // ifupdown, NetworkManager keyfiles (RHEL 8) and netplan (Ubuntu).
    secrets: [['    wpa-psk '], ['psk='], ['password='], ['          password: '], ['            password: ']],
  },
};
