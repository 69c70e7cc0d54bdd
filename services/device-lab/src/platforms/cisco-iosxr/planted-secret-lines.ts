import { encodeType7 } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';

/** Type 7 text of a secret of its own per box, as IOS XR prints `encrypted` and `7` values. */
const type7For = (site: number) => (what: string, offset: number): string => encodeType7(`${what}-${site}`, site + offset);

/**
 * The management-plane secrets of an IOS XR box, each with a value of its own: RADIUS and TACACS+ keys,
 * a local user with a type 7 password, SNMPv3 and a trap community, NTP authentication.
 */
export function iosXrManagementSecretLines(site: number): string[] {
  const type7 = type7For(site);
  return [
    `snmp-server user nms NMS v3 auth sha encrypted ${type7('snmp-auth', 21)} priv aes 128 encrypted ${type7('snmp-priv', 22)}`,
    `snmp-server host 10.10.1.20 traps version 2c ${plant(`nr-trap-${site}`)}`,
    'snmp-server group NMS v3 priv',
    'ntp',
    ` authentication-key 1 md5 encrypted ${type7('ntp', 23)}`,
    ' authenticate',
    ' trusted-key 1',
    ' server vrf MGMT 10.10.1.10',
    '!',
    'radius-server host 10.10.1.40 auth-port 1812 acct-port 1813',
    ` key 7 ${type7('radius', 24)}`,
    '!',
    `radius-server key 7 ${type7('radius-global', 25)}`,
    `tacacs-server key 7 ${type7('tacacs-global', 26)}`,
    'username oper',
    ' group operator',
    ` password 7 ${type7('oper', 27)}`,
    '!',
  ];
}

/** Routing-protocol secrets of a PE/P router: OSPF area and interface keys, the BGP and LDP neighbour passwords. */
export function iosXrRoutingSecretLines(site: number, port: string, loopback: string): string[] {
  const type7 = type7For(site);
  return [
    'router ospf CORE',
    ` router-id ${loopback}`,
    ' area 0',
    `  authentication-key encrypted ${type7('ospf-area', 31)}`,
    '  interface Loopback0',
    '   passive enable',
    '  !',
    `  interface ${port}`,
    '   authentication message-digest',
    `   message-digest-key 1 md5 encrypted ${type7('ospf-md5', 32)}`,
    '   network point-to-point',
    '  !',
    ' !',
    '!',
    'router bgp 65000',
    ` bgp router-id ${loopback}`,
    ' address-family ipv4 unicast',
    ' !',
    ' neighbor 10.255.0.1',
    '  remote-as 65000',
    `  password encrypted ${type7('bgp', 33)}`,
    '  update-source Loopback0',
    '  address-family ipv4 unicast',
    '  !',
    ' !',
    '!',
    'mpls ldp',
    ` router-id ${loopback}`,
    ` neighbor 10.255.0.1:0 password encrypted ${type7('ldp', 34)}`,
    ` interface ${port}`,
    ' !',
    '!',
  ];
}
