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
    ],
  },
  cisco_nxos: {
    header: ['!Command: show running-config', '!Running configuration last done at: ', '!Time: '],
    volatile: ['!Running configuration last done at: ', '!Time: '],
    secrets: [
      ['username admin password 5 '],
      ['username backup password 5 '],
      ['snmp-server user ', ' md5 ', ' priv '],
      ['snmp-server host 10.10.1.20 traps version 2c '],
      ['snmp-server community '],
      ['tacacs-server host 10.10.1.30 key 7 '],
      ['  ip ospf message-digest-key 1 md5 3 '],
    ],
  },
  cisco_iosxr: {
    header: ['Building configuration...'],
    volatile: ['!! Last configuration change at '],
    secrets: [[' secret 10 '], ['snmp-server community '], [' key 7 '], ['  key-string password ']],
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
    ],
  },
  arista_eos: {
    header: ['! Command: show running-config'],
    volatile: [],
    secrets: [
      ['enable password sha512 '],
      ['username admin privilege 15 role network-admin secret sha512 '],
      ['username backup privilege 15 role network-operator secret sha512 '],
      ['snmp-server community '],
      ['snmp-server host 10.10.1.20 version 2c '],
      ['tacacs-server host 10.10.1.30 key 7 '],
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
      ['snmp-server community '],
      ['tacacs-server host 10.10.1.30 key 9 '],
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
    ],
  },
  aruba_aoscx: {
    header: ['Current configuration:'],
    volatile: [],
    secrets: [
      ['user admin group administrators password ciphertext '],
      ['user backup group operators password ciphertext '],
      ['tacacs-server host 10.10.1.30 key ciphertext '],
      ['snmp-server community '],
    ],
  },
  mikrotik_routeros: {
    header: [],
    volatile: ['# 20'],
    secrets: [
      ['/snmp community add ', ' name='],
      ['/ppp secret add ', ' password='],
      ['/radius add ', ' secret='],
      ['/routing ospf interface add ', ' authentication-key='],
      ['/routing ospf interface-template add ', ' auth-key='],
    ],
  },
  fortinet_fortios: {
    header: [],
    volatile: ['#conf_file_ver='],
    secrets: [['        set password ENC '], ['        set key ENC '], ['        set psksecret ENC ']],
    secretBlocks: [['        set private-key ', '"']],
  },
  paloalto_panos: {
    header: [],
    volatile: [],
    secrets: [['        phash '], ['              secret '], ['                  key '], ['                  snmp-community-string ']],
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
    ],
  },
  linux: { header: [], volatile: [], secrets: [] },
};
