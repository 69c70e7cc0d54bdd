import { searchableText, type SyslogMessage } from './syslog-message.js';

/** What a configuration-change message says: which family of gear sent it and, when it says so, who. */
export interface ConfigChange {
  readonly kind: string;
  readonly user?: string;
}

interface Recognizer {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Matches of `pattern` that are not a change after all (Junos `commit check`, a failed PAN-OS change). */
  readonly unless?: RegExp;
}

/**
 * The messages network gear sends when its running configuration changed, taken from real logs of
 * each vendor (see docs/architecture.md, "Change-triggered backups"). Matched anywhere in the text,
 * so a relay's extra header or a sequence number does not hide them. The `user` group names who.
 */
const RECOGNIZERS: readonly Recognizer[] = [
  // IOS, IOS XE, Arista EOS (`ConfigAgent: %SYS-5-CONFIG_I`), stacks (`%SYS-SW2-5-CONFIG_I`), IOS XR's `%MGBL-SYS-5-CONFIG_I :`.
  { kind: 'cisco-ios', pattern: /%(?:[A-Z]+-)?SYS-(?:SW\d+-)?5-CONFIG_I\s?: Configured from \S+ by (?<user>\S+)/ },
  // Arista: entering configuration mode (and `configure session` commits) come before the CONFIG_I.
  { kind: 'arista-eos', pattern: /%SYS-5-CONFIG_E\s?: Enter configuration mode from \S+ by (?<user>\S+)/ },
  // NX-OS: `%VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.5@pts/0`.
  { kind: 'cisco-nxos', pattern: /%VSHD-5-VSHD_SYSLOG_CONFIG_I\s?: Configured from \S+ by (?<user>\S+)/ },
  // IOS XR: `%MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user 'admin'. Use 'show configuration commit changes ...`.
  { kind: 'cisco-iosxr', pattern: /%MGBL-CONFIG-6-DB_COMMIT(?:_ADMIN)?\s?: Configuration committed by user '(?<user>[^']*)'/ },
  // ASA: `%ASA-5-111005: 10.0.0.5 end configuration: OK` (leaving config mode after changes).
  { kind: 'cisco-asa', pattern: /%ASA-(?:config-)?5-111005: (?<user>\S+) end configuration: OK/ },
  // Junos: `UI_COMMIT_COMPLETED: commit complete`; `UI_COMMIT: User 'x' requested 'commit' operation` (not `commit check`).
  { kind: 'juniper-junos', pattern: /\bUI_COMMIT_COMPLETED\b/ },
  { kind: 'juniper-junos', pattern: /\bUI_COMMIT: User '(?<user>[^']*)' requested '(?:commit|rollback)[^']*' operation/, unless: /requested 'commit check'/ },
  // FortiOS: `logid="0100032102" ... logdesc="Configuration changed" user="admin"`, and the per-object events (44546/44547) with `cfgpath=`.
  { kind: 'fortinet-fortios', pattern: /logdesc="(?:Configuration changed|Object attribute configured|Attribute configured|Path configured)"(?:.*?\buser="(?<user>[^"]*)")?/ },
  { kind: 'fortinet-fortios', pattern: /\bcfgpath="?[\w.-]+(?:.*?\buser="(?<user>[^"]*)")?/ },
  // PAN-OS CONFIG log (CSV): `1,2026/11/30 14:00:00,<serial>,CONFIG,0,0,<time>,<host>,<vsys>,<cmd>,<admin>,<client>,<result>,...`.
  {
    kind: 'paloalto-panos',
    pattern: /\d,\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d,[^,]*,CONFIG,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,(?:set|edit|delete|add|clone|move|rename|commit|multi-clone|override|revert)[^,]*,(?<user>[^,]*),[^,]*,(?:Submitted|Succeeded)\b/,
  },
  // ArubaOS (Mobility Controller/AP): `Notice-Type='Running Config Change' ... User-Name='admin'`.
  { kind: 'aruba', pattern: /Notice-Type='Running Config Change'(?:.*?User-Name='(?<user>[^']*)')?/ },
  // Huawei VRP: `%%01CFG/4/CFG_CHANGE(l)[12]:...`; VRP 8: `CONFIGURATION/6/NETCONF_CONFIG_CHANGE_EVENT: The configuration changed. (... User name =x ...)`.
  { kind: 'huawei-vrp', pattern: /%%\d\dCFG\/\d\/CFG_CHANGE\b(?:.*?UserName=(?<user>[^,)\s]+))?/ },
  { kind: 'huawei-vrp', pattern: /CONFIGURATION\/\d\/NETCONF_CONFIG_CHANGE_EVENT\b(?:.*?User name =(?<user>[^,)\s]+))?/ },
];

/** The configuration change a message reports, or `null` for any other message. */
export function recognizeConfigChange(message: SyslogMessage): ConfigChange | null {
  const text = searchableText(message);
  for (const recognizer of RECOGNIZERS) {
    const match = recognizer.pattern.exec(text);
    if (!match || recognizer.unless?.test(text)) continue;
    const user = match.groups?.['user'];
    return { kind: recognizer.kind, ...(user ? { user } : {}) };
  }
  return null;
}
