import type { YogaLogSink } from '@netraven/gateway';
import type { Logger } from '@netraven/infra/log';

const DOMAIN_REJECTIONS = ['ValidationError', 'IllegalStateError', 'NotFoundError'];

/** Yoga logs rejected input as errors; domain rejections are answered to the caller, so they are debug lines here. */
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
      const original = f.err instanceof Error && 'originalError' in f.err ? (f.err as { originalError?: unknown }).originalError : f.err;
      if (original instanceof Error && DOMAIN_REJECTIONS.includes(original.name)) logger.debug({ err: f.err }, f.msg || 'request rejected');
      else logger.error({ err: f.err }, f.msg || 'gateway error');
    },
  };
}
