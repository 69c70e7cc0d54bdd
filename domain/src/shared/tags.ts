import { ValidationError } from './errors.js';
import { INPUT_LIMITS, requireLabel } from './validation.js';

/**
 * Jobs select devices by exact tag text, so devices and job targets store tags in one canonical
 * form: trimmed, unique, sorted. Case is kept as typed. A tag is at most 64 characters without
 * control characters, and one list holds at most 64 distinct tags.
 */
export const normalizeTags = (tags: unknown, field = 'tags'): string[] => {
  if (!Array.isArray(tags)) throw new ValidationError(`${field} must be a list`, field);
  const trimmed = tags.map((tag: unknown) => (typeof tag === 'string' ? tag.trim() : ''));
  if (trimmed.some((tag) => tag === '')) throw new ValidationError('tag must not be empty', field);
  trimmed.forEach((tag) => requireLabel(tag, field, INPUT_LIMITS.tagLength));
  const unique = [...new Set(trimmed)].sort();
  requireTagCount(unique.length, field);
  return unique;
};

export const requireTagCount = (count: number, field = 'tags'): void => {
  if (count > INPUT_LIMITS.tagsPerDevice)
    throw new ValidationError(`${field} may hold at most ${INPUT_LIMITS.tagsPerDevice} tags (got ${count})`, field);
};
