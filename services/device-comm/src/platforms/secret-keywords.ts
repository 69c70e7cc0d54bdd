import type { AssignmentGrammar, KeywordGrammar } from '../capture/secret-grammar.js';

// Secret-bearing keywords per vendor family, learned from real configs and the public scrubbers that
// handle them (RANCID's and netconan's password regexes, Oxidized's `cmd :secret` blocks, vendor guides).
// Each platform file picks its family's table and may add its own words.

/** Cisco-like CLIs (IOS, IOS XE, IOS XR, NX-OS, ASA, EOS, OS10, AOS-CX): `keyword [type] value`. */
export const CISCO_LIKE: KeywordGrammar = {
  keywords: [
    // Phrases first: the regex takes the first alternative that fits.
    String.raw`snmp-server(?: \S+)*? community`,
    String.raw`snmp-server host \S+(?: vrf \S+)?(?: informs?| traps?)?(?: version (?:1|2c|v1|v2c|3 (?:auth|noauth|priv)))?`,
    String.raw`(?:ntp )?authentication-key \d+ (?:md5|sha1|sha256|cmac-aes-128|hmac-sha\S*)`,
    String.raw`message-digest-key \d+ md5`,
    String.raw`(?:standby|vrrp|glbp)(?: \d+)? authentication(?: text)?`,
    String.raw`auth (?:md5|sha\d*|sha-\d+)`,
    String.raw`priv(?: (?:3des|des56|des|aes(?: (?:128|192|256))?|aes-?128|aes-?192|aes-?256))?`,
    'password',
    'secret',
    'passwd',
    // `key` is also plain English in log and error lines, so a bare one counts only where a command puts
    // it: first on its line, after a server or peer, or before an encryption type. A key chain's `key 1`
    // numbers a key; the secret is its `key-string`.
    String.raw`key(?<=^[ \t]*key|\b(?:tacacs-server|radius-server|server-private|isakmp|failover|address \S+(?: \S+)?|hostname \S+)\b[^\n]*key)(?![ \t]+\d+[ \t]*$)`,
    String.raw`key(?=[ \t]+(?:[0-9]|10|ciphertext|plaintext|encrypted|clear)[ \t]+\S)`,
    'key-string',
    'authentication-key',
    '(?:server|secret|shared|failover)-key',
    'pre-shared-key',
    'set-key',
    'psk',
    'wpa-psk',
    '(?:isis|area|domain|hello|lsp)-password',
    '(?:auth|priv)-pass',
    'ldap-login-password',
  ],
  qualifiers: [
    // `sha-512`: OS10's `enable password sha-512 $6$... priv-lvl 15`.
    '[0-9]', '10', 'encrypted', 'clear', 'ciphertext', 'plaintext', 'sha-?512', 'sha-?256', String.raw`level \d+`, 'ascii', 'hex',
    'hexadecimal', 'local', 'remote', 'hmac-md5', 'text', 'password',
  ],
  notValues: [
    // `key chain NAME`, `crypto key generate rsa`, `pre-shared-key address ... key X`, `password encryption aes`, ...
    'chain', 'generate', 'zeroize', 'import', 'export', 'storage', 'pubkey-chain', 'config-key', 'encrypt', 'decrypt',
    'address', 'hostname', 'encryption', 'restriction', 'minimum', 'policy', 'prompt', 'keychain', 'set-key', 'md5',
    'read', 'write', 'notify', 'access', 'context', 'auth-pass', 'priv-pass', 'use-vrf', 'source-interface', 'udp-port',
    'filter-vrf', 'ciphertext', 'plaintext', 'strength-check', 'complexity', 'key-chain', 'match', 'des', '3des', 'aes', 'sha',
    // Another keyword is never the value: the secret after it would go unmasked.
    'key', 'key-string', 'password', 'secret', 'server-key',
    // Log and error messages are redacted too: `no enable password is set` is prose.
    'is', 'are', 'was', 'not', 'for', 'to', 'and', 'or', 'of', 'the', 'in', 'on', 'expired', 'required', 'incorrect',
  ],
  freeText: ['description', 'remark', 'alias'],
};

/** Juniper Junos, curly and `set` forms: `encrypted-password "$6$..."; ## SECRET-DATA`. */
export const JUNOS: KeywordGrammar = {
  keywords: [
    String.raw`snmp(?: \S+)*? community`,
    String.raw`(?:pre-shared-)?key (?:ascii-text|hexadecimal)`,
    String.raw`md5 \d+ key`,
    // NTP keys: `authentication-key 1 type md5 value "$9$..."`; the number is the key's id, not its value.
    String.raw`authentication-key \d+ type \S+ value`,
    String.raw`(?:hello-)?authentication-key(?![ \t]+\d+[ \t]+type\b)`,
    'privacy-key',
    'encrypted-password',
    'secret',
    'simple-password',
    'password',
  ],
  notValues: ['ascii-text', 'hexadecimal'],
  freeText: ['description'],
  valueEnd: 'semicolon',
};

/** FortiOS: `set <attribute> [ENC] <value>` inside `config ... edit ... next ... end`. */
export const FORTIOS: KeywordGrammar = {
  keywords: [
    // OSPF interfaces: `set md5-key 1 <key>`, the number is the key id.
    String.raw`set md5-key \d+`,
    String.raw`set (?:password|passwd|secret|psksecret|secondary-secret|rsso-secret|ppk-secret|key|md5-key|key-string|auth-pwd|priv-pwd|passphrase|sae-password|privatekey|ldap-password|sso-password|tacacs-key|authentication-key|auth-password|priv-password)`,
    // Whatever FortiOS itself stores encrypted.
    String.raw`set [\w-]+ ENC`,
  ],
  qualifiers: ['ENC'],
};

/** PAN-OS, braces and `set` forms: `phash $1$...;`, `bind-password ...;`, `private-key ...;`. */
export const PANOS: KeywordGrammar = {
  keywords: [
    'phash', 'key', 'secret', 'password', 'bind-password', 'auth-password', 'priv-password', 'authpwd', 'privpwd',
    'snmp-community-string', 'private-key', 'passphrase', 'pre-shared-key', 'authentication-key', 'shared-secret',
  ],
  notValues: ['ascii-text', 'hexadecimal'],
  freeText: ['description', 'comment'],
  valueEnd: 'semicolon',
};

/** Huawei VRP: `cipher` and `irreversible-cipher` values wherever they stand, and their plain forms. */
export const HUAWEI_VRP: KeywordGrammar = {
  keywords: ['irreversible-cipher', 'cipher', 'plain', String.raw`(?:password|shared-key|pre-shared-key) simple`, 'pre-shared-key'],
  notValues: ['cipher', 'simple', 'plain', 'irreversible-cipher'],
  freeText: ['description'],
};

/** MikroTik RouterOS: `key=value` properties of `/export`. */
export const ROUTEROS: AssignmentGrammar = {
  keys: [
    'password', 'secret', 'ipsec-secret', 'passphrase', 'auth-key', 'authentication-key', 'authentication-password', 'encryption-password',
    'private-key', 'preshared-key', 'pre-shared-key', 'wpa-pre-shared-key', 'wpa2-pre-shared-key', 'tcp-md5-key', 'md5-key',
    'trap-community', 'psk',
  ],
};
