import { requireLabel, ValidationError } from '@netraven/domain';
import type { LogQueryFilter } from '@netraven/application';
import type { LogCursor } from '@netraven/projections';
import { idArgument, keywordArgument } from './argument-rules.js';

/** Page sizes of `logs`: 50 lines unless asked, at most 1000 per page. */
export const LOG_PAGE = { default: 50, max: 1000 } as const;
/** A job's own log (`Job.logs(first)`): the whole of an ordinary job's log unless asked. */
export const JOB_LOG = { default: 1000, max: 10_000 } as const;
const TEXT_LENGTH = 200;

export interface LogFilterArgs {
  jobId?: string | number | null;
  deviceId?: string | number | null;
  type?: string | null;
  level?: string | null;
  source?: string | null;
  since?: Date | null;
  until?: Date | null;
  text?: string | null;
}

/** The `LogFilter` input, checked field by field (`filter.<field>` names the culprit). */
export function logFilterArgument(args: LogFilterArgs | null | undefined): LogQueryFilter {
  if (!args) return {};
  const filter: { -readonly [K in keyof LogQueryFilter]: LogQueryFilter[K] } = {};
  if (args.jobId != null) filter.jobId = idArgument(args.jobId, 'filter.jobId');
  if (args.deviceId != null) filter.deviceId = idArgument(args.deviceId, 'filter.deviceId');
  if (args.type != null) filter.type = args.type;
  if (args.level != null) filter.level = args.level;
  if (args.source != null) filter.source = keywordArgument(args.source, 'filter.source');
  if (args.since != null) filter.since = args.since;
  if (args.until != null) filter.until = args.until;
  if (args.text != null && args.text !== '') filter.text = requireLabel(args.text, 'filter.text', TEXT_LENGTH);
  if (filter.since && filter.until && filter.since >= filter.until)
    throw new ValidationError('filter.since must be before filter.until', 'filter.since');
  return filter;
}

/** `logs(jobId)`, the first contract's form, folded into the filter; two different jobs are refused. */
export function withJobId(filter: LogFilterArgs | null | undefined, jobId: string | number | null | undefined): LogFilterArgs | null | undefined {
  if (jobId == null) return filter;
  if (filter?.jobId != null && String(filter.jobId) !== String(jobId))
    throw new ValidationError('give the job once: jobId and filter.jobId name different jobs', 'jobId');
  return { ...filter, jobId: idArgument(jobId, 'jobId') };
}

/** Cursors are opaque to callers: the keyset (time, id) of the last line of a page. */
export const encodeLogCursor = (row: { at: Date; id: string }): string =>
  Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');

export function decodeLogCursor(cursor: string, field = 'after'): LogCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const at = new Date(parsed[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: parsed[1] };
    }
  } catch {
    // Reported below, as every other malformed cursor.
  }
  throw new ValidationError(`${field} is not a cursor of this list`, field);
}

/** Only forward pages: `last`/`before` are refused rather than ignored. */
export function forwardPage(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, size: { default: number; max: number }): { first: number; after?: LogCursor } {
  if (args.last != null) throw new ValidationError('last is not supported: page forward with first and after', 'last');
  if (args.before != null) throw new ValidationError('before is not supported: page forward with first and after', 'before');
  const first = args.first ?? size.default;
  if (!Number.isInteger(first) || first < 1 || first > size.max) throw new ValidationError(`first must be an integer from 1 to ${size.max} (got ${first})`, 'first');
  return { first, ...(args.after != null ? { after: decodeLogCursor(args.after) } : {}) };
}
