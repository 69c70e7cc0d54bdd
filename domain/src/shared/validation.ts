import { ValidationError } from './errors.js';

/** What the API accepts is what the event log may hold: every limit on user input, in one place. */
export const INPUT_LIMITS = {
  /** Device and credential names. */
  nameLength: 255,
  usernameLength: 255,
  /** RFC 1035: a full domain name is at most 253 characters in text form. */
  hostLength: 253,
  platformLength: 64,
  /** Any id a caller names (device, credential, job). */
  idLength: 255,
  tagLength: 64,
  tagsPerDevice: 64,
  /** Device ids in one request (a backup of a whole inventory fits). */
  idsPerRequest: 100_000,
  reasonLength: 1024,
  secretLength: 1024,
} as const;

/** C0 and C1 control characters (NUL, escape, line breaks, DEL, ...): never part of a name, tag or id. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** Control characters other than tab and line breaks: refused even in free text. */
const CONTROL_CHARACTER_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Half of a UTF-16 surrogate pair on its own: not a character, and JSON stores cannot hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** User input as error messages show it: quoted and cut short, so a megabyte is never echoed back. */
export const quoted = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
};

/** Commands arrive from the API as parsed JSON, so the value is checked at runtime whatever its static type. */
export const requireText = (value: unknown, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${field} must not be empty`, field);
};

const requireLength = (value: string, field: string, maxLength: number): void => {
  if (value.length > maxLength) throw new ValidationError(`${field} must be at most ${maxLength} characters (got ${value.length})`, field);
};

const requireValidUnicode = (value: string, field: string): void => {
  if (LONE_SURROGATE.test(value)) throw new ValidationError(`${field} must be valid Unicode text`, field);
};

/** A short single-line text: not blank, not too long, no control characters (names, usernames, tags, ids). */
export const requireLabel = (value: unknown, field: string, maxLength: number): string => {
  requireText(value, field);
  const text = value as string;
  requireLength(text, field, maxLength);
  if (CONTROL_CHARACTER.test(text)) throw new ValidationError(`${field} must not contain control characters`, field);
  requireValidUnicode(text, field);
  return text;
};

export const requireName = (value: unknown, field = 'name'): string => requireLabel(value, field, INPUT_LIMITS.nameLength);

export const requireUsername = (value: unknown): string => requireLabel(value, 'username', INPUT_LIMITS.usernameLength);

export const requireId = (value: unknown, field: string): string => requireLabel(value, field, INPUT_LIMITS.idLength);

export const requirePort = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535)
    throw new ValidationError('port must be an integer from 1 to 65535', 'port');
  return value;
};

/** Text people write (a reason, a note): may be empty and span lines, but is bounded and printable. */
export const requireFreeText = (value: unknown, field: string, maxLength: number): string => {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be text`, field);
  requireLength(value, field, maxLength);
  if (CONTROL_CHARACTER_BUT_WHITESPACE.test(value)) throw new ValidationError(`${field} must not contain control characters`, field);
  requireValidUnicode(value, field);
  return value;
};

/** A password or enable secret: any characters a device accepts, bounded. It goes to the vault, never to an event. */
export const requireSecret = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new ValidationError(`${field} must not be empty`, field);
  requireLength(value, field, INPUT_LIMITS.secretLength);
  requireValidUnicode(value, field);
  return value;
};

/**
 * Keeps the first occurrence of each id so the caller's order survives. `maxCount` bounds what one
 * request may name (counted before de-duplication: the request's size is what it costs).
 */
export const uniqueIds = (ids: unknown, field: string, maxCount?: number): string[] => {
  if (!Array.isArray(ids)) throw new ValidationError(`${field} must be a list`, field);
  if (maxCount !== undefined && ids.length > maxCount)
    throw new ValidationError(`${field} may name at most ${maxCount} ids (got ${ids.length})`, field);
  ids.forEach((id) => requireId(id, field));
  return [...new Set(ids as string[])];
};
