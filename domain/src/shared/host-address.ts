import { ValidationError } from './errors.js';
import { INPUT_LIMITS, quoted } from './validation.js';

/** RFC 1123: letters, digits and inner hyphens, 1 to 63 characters. */
const HOSTNAME_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4_OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

export const isIPv4 = (text: string): boolean => {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => IPV4_OCTET.test(octet));
};

/** Full, compressed (`::`) and IPv4-suffixed (`::ffff:10.0.0.1`) forms; zone ids (`%eth0`) are not addresses a device is reached by from here. */
export const isIPv6 = (text: string): boolean => {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = groupsOf(halves[1] ?? '');
  const all = [...head, ...tail];
  const last = all[all.length - 1];
  const embeddedIPv4 = last !== undefined && last.includes('.');
  if (embeddedIPv4 && !isIPv4(last)) return false;
  const hexGroups = embeddedIPv4 ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => IPV6_GROUP.test(group))) return false;
  const width = hexGroups.length + (embeddedIPv4 ? 2 : 0);
  return halves.length === 2 ? width <= 7 : width === 8;
};

export const isHostname = (text: string): boolean => {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  const labels = name.split('.');
  if (!labels.every((label) => HOSTNAME_LABEL.test(label))) return false;
  // All-numeric names are dotted quads, and those must be real IPv4 addresses (no 999.1.1.1).
  return !labels.every((label) => /^\d+$/.test(label)) || isIPv4(name);
};

/** Where a device is reached: a hostname (RFC 1123 labels) or an IPv4/IPv6 address, at most 253 characters. */
export const requireHost = (value: unknown): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError('host must not be empty', 'host');
  if (value.length > INPUT_LIMITS.hostLength)
    throw new ValidationError(`host must be at most ${INPUT_LIMITS.hostLength} characters (got ${value.length})`, 'host');
  if (!isHostname(value) && !isIPv4(value) && !isIPv6(value))
    throw new ValidationError(`host ${quoted(value)} is neither a hostname nor an IPv4/IPv6 address`, 'host');
  return value;
};
