/**
 * One syslog message as NetRaven needs it: priority, the sender's own name for itself (when it
 * says one) and the text to recognise a configuration change in. Both RFC 5424 and the BSD form
 * (RFC 3164) are read, including the deviations network gear is known for: Cisco's sequence
 * number and `*`/`.` clock markers before the time, NX-OS's `: ` after the priority and
 * year-first time, IOS XR's node id (`RP/0/RSP0/CPU0:`), Huawei's year in the date, FortiOS's
 * key=value lines with no header at all (`devname=` names the box).
 */
export interface SyslogMessage {
  readonly format: 'rfc5424' | 'rfc3164';
  /** Absent when the sender left out `<PRI>`. */
  readonly facility?: number;
  readonly severity?: number;
  readonly hostname?: string;
  /** RFC 5424 APP-NAME or the BSD tag without its pid (`mgd`, `ConfigAgent`). */
  readonly appName?: string;
  /** RFC 5424 MSGID (Junos puts the event name there: `UI_COMMIT_COMPLETED`). */
  readonly msgId?: string;
  /** RFC 5424 structured data as sent (`-` when none). */
  readonly structuredData?: string;
  /** The free text after the header. */
  readonly message: string;
}

const PRI = /^<(\d{1,3})>/;
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
// `*Mar  1 18:46:11.123 UTC:`, `Nov 30 2026 14:00:00`, `2014 Jun 29 19:20:57 UTC:`, RFC 3339 in a BSD frame, Cisco uptime `00:00:46:`.
const BSD_TIME = new RegExp(
  '^(?:[*.]?(?:' + MONTHS + ')\\s+\\d{1,2}(?:\\s+\\d{4})?\\s+\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:\\s+[A-Z]{2,5}(?:[+-]\\d{1,2}(?::?\\d{2})?)?)?'
  + '|\\d{4}\\s+(?:' + MONTHS + ')\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:\\s+[A-Z]{2,5})?'
  + '|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})?'
  + '|\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d+)?'
  + '|\\d+[dwy]\\d+[hd])(?::\\s*|\\s+|$)',
);
// Cisco `service sequence-numbers` (`123: `), NX-OS's bare `: `, IOS XR's node id before the time.
const LEADING_NOISE = /^(?:\d+:\s+|:\s*)/;
const XR_NODE = /^(?:[A-Z]{2}\/\d+(?:\/[A-Z0-9]+)*\/CPU\d+):/;
const TAG = /^([^\s:[\]]+)(?:\[\d+\])?:(?:\s|$)/;
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
const FORTI_DEVNAME = /\bdevname="?([^"\s]+)"?/;
const BOM = '\uFEFF';

export function parseSyslog(raw: string): SyslogMessage {
  const text = raw.replace(/[\r\n\0]+$/, '');
  const pri = PRI.exec(text);
  const priority = pri ? Number(pri[1]) : undefined;
  const rest = pri ? text.slice(pri[0].length) : text;
  const header = priority !== undefined && priority <= 191 ? { facility: priority >> 3, severity: priority & 7 } : {};
  if (/^1 /.test(rest)) {
    const parsed = parse5424(rest.slice(2));
    if (parsed) return { format: 'rfc5424', ...header, ...parsed };
  }
  return { format: 'rfc3164', ...header, ...parseBsd(rest) };
}

function parse5424(rest: string): Omit<SyslogMessage, 'format' | 'facility' | 'severity'> | undefined {
  const fields = /^(\S+) (\S+) (\S+) (\S+) (\S+) /.exec(rest);
  if (!fields) return undefined;
  const [, , host, app, , msgId] = fields;
  const afterHeader = rest.slice(fields[0].length);
  const sdEnd = structuredDataEnd(afterHeader);
  if (sdEnd === undefined) return undefined;
  const structuredData = afterHeader.slice(0, sdEnd);
  let message = afterHeader.slice(sdEnd).replace(/^ /, '');
  if (message.startsWith(BOM)) message = message.slice(BOM.length);
  return {
    ...(host && host !== '-' ? { hostname: host } : {}),
    ...(app && app !== '-' ? { appName: app } : {}),
    ...(msgId && msgId !== '-' ? { msgId } : {}),
    structuredData,
    message,
  };
}

/** Where the STRUCTURED-DATA part ends: `-`, or `[id k="v"...]` elements with `\"`, `\]`, `\\` escapes. */
function structuredDataEnd(text: string): number | undefined {
  if (text.startsWith('-')) return 1;
  let at = 0;
  while (text[at] === '[') {
    let inQuotes = false;
    at += 1;
    for (; at < text.length; at += 1) {
      const char = text[at];
      if (char === '\\') at += 1;
      else if (char === '"') inQuotes = !inQuotes;
      else if (char === ']' && !inQuotes) break;
    }
    if (at >= text.length) return undefined;
    at += 1;
  }
  return at === 0 ? undefined : at;
}

function parseBsd(input: string): Omit<SyslogMessage, 'format' | 'facility' | 'severity'> {
  let rest = input.replace(LEADING_NOISE, '');
  let hostname: string | undefined;
  // `R1: *Nov 30 ...` (IOS `logging origin-id hostname`) or `RP/0/RSP0/CPU0:Nov 30 ...` (IOS XR).
  const origin = /^([A-Za-z0-9][\w.-]*):\s*(?=[*.]?[A-Z0-9])/.exec(rest);
  if (origin?.[1] && BSD_TIME.test(rest.slice(origin[0].length)) && !BSD_TIME.test(rest)) {
    hostname = origin[1];
    rest = rest.slice(origin[0].length);
  }
  rest = rest.replace(XR_NODE, '');
  const time = BSD_TIME.exec(rest);
  if (time) {
    rest = rest.slice(time[0].length).replace(LEADING_NOISE, '');
    rest = rest.replace(XR_NODE, '').replace(/^\s+/, '');
    // After the time comes the host, unless the next word is already the tag (`mgd[12]:`) or the message (`%SYS-5-...`).
    const word = /^(\S+)\s+/.exec(rest);
    if (hostname === undefined && word?.[1] && HOSTNAME.test(word[1]) && !TAG.test(rest)) {
      hostname = word[1];
      rest = rest.slice(word[0].length).replace(LEADING_NOISE, '').replace(XR_NODE, '').replace(/^\s+/, '');
    }
  }
  const tag = TAG.exec(rest);
  const appName = tag && !tag[1]?.startsWith('%') ? tag[1] : undefined;
  if (hostname === undefined) hostname = FORTI_DEVNAME.exec(rest)?.[1];
  return { ...(hostname ? { hostname } : {}), ...(appName ? { appName } : {}), message: rest };
}

/** Everything a recognizer may look at: 5424 puts Junos's event name in MSGID, not in the text. */
export function searchableText(message: SyslogMessage): string {
  return [message.msgId, message.structuredData === '-' ? undefined : message.structuredData, message.message]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' ');
}
