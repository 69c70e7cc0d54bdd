import { encodeType7, fakePlainSecret } from '../../formats/fake-secrets.js';

/**
 * Every kind of secret an IOS or IOS XE box prints, each with a value of its own: AAA server blocks,
 * dynamic authorization, key chains, IKE keys, SNMPv3, NTP, 802.1X supplicant credentials, first-hop
 * redundancy and PPP, and what a Catalyst 9800 WLC or a C9200L holds (WLAN PSKs, AP management users).
 */
export function iosSecretLines(hostname: string, site: number): string[] {
  const type7 = (what: string, offset: number): string => encodeType7(`${what}-${site}`, site + offset);
  const plain = (what: string): string => fakePlainSecret(`${hostname}/${what}`);
  const octet = site % 250;
  return [
    'radius server ISE1',
    ' address ipv4 10.10.1.40 auth-port 1812 acct-port 1813',
    ` key 7 ${type7('rad1', 11)}`,
    '!',
    'radius server ISE2',
    ' address ipv4 10.10.1.41 auth-port 1812 acct-port 1813',
    ` key 0 ${plain('rad2')}`,
    '!',
    'aaa group server tacacs+ TACPRIV',
    ` server-private 10.10.1.31 key 7 ${type7('tacpriv', 12)}`,
    '!',
    'aaa server radius dynamic-author',
    ` client 10.10.1.40 server-key 7 ${type7('coa', 13)}`,
    '!',
    'key chain EIGRP-KEYS',
    ' key 1',
    `  key-string 7 ${type7('eigrp', 14)}`,
    '!',
    `crypto isakmp key ${plain('isakmp')} address 203.0.113.1`,
    'crypto keyring VPN',
    `  pre-shared-key address 203.0.113.2 key ${plain('keyring')}`,
    '!',
    'dot1x credentials SUPPLICANT',
    ` username ${hostname}`,
    ` password 0 ${plain('dot1x')}`,
    '!',
    'wlan corp 1 corp',
    ` security wpa psk set-key ascii 0 ${plain('wlan-corp')}`,
    ' no security wpa akm dot1x',
    ' security wpa akm psk',
    '!',
    'ap profile default-ap-profile',
    ` mgmtuser username apadmin password 0 ${plain('ap-login')} secret 0 ${plain('ap-enable')}`,
    '!',
    'interface Vlan99',
    ' description key services gateway',
    ` ip address 10.99.${octet}.2 255.255.255.0`,
    ` standby 1 ip 10.99.${octet}.1`,
    ` standby 1 authentication md5 key-string 7 ${type7('hsrp', 15)}`,
    ` vrrp 2 authentication text ${plain('vrrp')}`,
    '!',
    'interface Dialer1',
    ' encapsulation ppp',
    ` ppp chap password 7 ${type7('chap', 16)}`,
    ` ppp pap sent-username branch password 7 ${type7('pap', 17)}`,
    '!',
    `snmp-server user nms NMS v3 auth sha ${plain('snmp-auth')} priv aes 128 ${plain('snmp-priv')}`,
    `snmp-server host 10.10.1.20 version 2c ${plain('trap-community')}`,
    `ntp authentication-key 1 md5 ${type7('ntp', 18)} 7`,
    `ip http client password 0 ${plain('http-client')}`,
    `ip ftp password 7 ${type7('ftp', 19)}`,
    '!',
  ];
}
