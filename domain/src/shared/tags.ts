import { ValidationError } from './errors.js';

/**
 * Jobs select devices by exact tag text, so devices and job targets store tags in one canonical
 * form: trimmed, unique, sorted. Case is kept as typed.
 */
export const normalizeTags = (tags: readonly string[]): string[] => {
  const trimmed = tags.map((tag) => (typeof tag === 'string' ? tag.trim() : ''));
  if (trimmed.some((tag) => tag === '')) throw new ValidationError('tag must not be empty');
  return [...new Set(trimmed)].sort();
};
