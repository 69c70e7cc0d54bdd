import { ValidationError } from './errors.js';

/** Commands arrive from the API as parsed JSON, so the value is checked at runtime whatever its static type. */
export const requireText = (value: unknown, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${field} must not be empty`);
};

/** Keeps the first occurrence of each id so the caller's order survives. */
export const uniqueIds = (ids: readonly string[], field: string): string[] => {
  ids.forEach((id) => requireText(id, field));
  return [...new Set(ids)];
};
