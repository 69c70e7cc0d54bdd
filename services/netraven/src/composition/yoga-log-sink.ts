import type { YogaLogSink } from '@netraven/gateway';
import type { Logger } from '@netraven/infra/log';
import { ForbiddenError, IllegalStateError, NotFoundError, UnauthenticatedError, ValidationError } from '@netraven/domain';

const REJECTIONS = [ValidationError, IllegalStateError, NotFoundError, UnauthenticatedError, ForbiddenError];

/** The error at the bottom of GraphQL's wrapping. */
function rootCause(error: unknown): unknown {
  const inner = error instanceof Error && 'originalError' in error ? (error as { originalError?: unknown }).originalError : undefined;
  return inner ? rootCause(inner) : error;
}

/**
 * Yoga logs rejected requests as errors; refusals (bad input, conflicts, not found, not signed in,
 * not allowed) are answered to the caller and recorded as events where they matter, so they are debug lines here.
 */
export function yogaLogSink(logger: Logger): YogaLogSink {
  const format = (args: unknown[]): { err?: unknown; msg: string } => {
    const err = args.find((a) => a instanceof Error);
    return { ...(err ? { err } : {}), msg: args.filter((a) => !(a instanceof Error)).map(String).join(' ') };
  };
  return {
    debug: (...args) => { const f = format(args); logger.debug({ err: f.err }, f.msg); },
    info: (...args) => { const f = format(args); logger.info({ err: f.err }, f.msg); },
    warn: (...args) => { const f = format(args); logger.warn({ err: f.err }, f.msg); },
    error: (...args) => {
      const f = format(args);
      const original = rootCause(f.err);
      if (REJECTIONS.some((rejection) => original instanceof rejection)) logger.debug({ err: f.err }, f.msg || 'request rejected');
      else logger.error({ err: f.err }, f.msg || 'gateway error');
    },
  };
}
