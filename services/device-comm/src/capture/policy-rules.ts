const MASK = '<removed>';

/** A user's additions to the platform's rules (a backup policy), as patterns already validated by the domain. */
export interface ConfigPolicy {
  readonly volatile: readonly string[];
  readonly secrets: readonly string[];
}

/**
 * Applies a backup policy to a cleaned config, on top of what the platform already did: lines
 * matching a volatile pattern are dropped (as the platform's volatile lines are), and secret
 * patterns are masked like the platform's secrets: each capture group's text when the pattern has
 * groups (`snmp-server community (\S+)` keeps the keyword), else the whole match.
 */
export function applyConfigPolicy(config: string, policy: ConfigPolicy): string {
  let text = config;
  if (policy.volatile.length > 0) {
    const volatile = policy.volatile.map((pattern) => new RegExp(pattern));
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
    const kept = lines.filter((line) => !volatile.some((pattern) => pattern.test(line)));
    text = kept.length === 0 ? '' : `${kept.join('\n')}${endsWithNewline ? '\n' : ''}`;
  }
  for (const pattern of policy.secrets) text = maskMatches(text, new RegExp(pattern, 'gmd'));
  return text;
}

function maskMatches(text: string, regex: RegExp): string {
  const ranges: Array<[number, number]> = [];
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0] === '') {
      regex.lastIndex += 1;
      continue;
    }
    const indices = match.indices;
    const groups = (indices ?? []).slice(1).filter((range): range is [number, number] => range !== undefined && range[1] > range[0]);
    if (match.length > 1) ranges.push(...groups);
    else ranges.push([match.index, match.index + match[0].length]);
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue; // nested or overlapping groups: the outer one is already masked
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}
