import { INPUT_LIMITS, requireId, requireLabel, ValidationError } from '@netraven/domain';

/** Page sizes of the list queries: the default when absent, and the most one request may ask for. */
export const PAGE_SIZES = {
  logs: { default: 1000, max: 10_000 },
} as const;

/** A `limit` argument: absent means the default; outside 1..max is refused with the argument's name. */
export const limitArgument = (value: number | null | undefined, field: string, size: { default: number; max: number }): number => {
  if (value === null || value === undefined) return size.default;
  if (!Number.isInteger(value) || value < 1 || value > size.max)
    throw new ValidationError(`${field} must be an integer from 1 to ${size.max} (got ${value})`, field);
  return value;
};

/** An id a query looks up: bounded and printable, so what reaches the database is always storable text. */
export const idArgument = (value: string | number, field: string): string => requireId(String(value), field);

export const tagArgument = (value: string, field: string): string => requireLabel(value.trim(), field, INPUT_LIMITS.tagLength);

/** A short keyword argument such as a log level. */
export const keywordArgument = (value: string, field: string): string => requireLabel(value, field, 32);
