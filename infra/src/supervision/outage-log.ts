import type { Logger } from 'pino';
import type { SupervisorEvents } from './supervisor.js';

/** Supervisor reports as log lines: one error when an outage starts, one info line when it ends. */
export function outageLog(logger: Logger): SupervisorEvents {
  return {
    onOutage: (name, error) => logger.error({ err: error, component: name }, `${name} failed; restarting from its checkpoint with backoff`),
    onRecovered: (name, downForMs, attempts) =>
      logger.info({ component: name, downForMs, attempts }, `${name} running again after ${Math.round(downForMs / 100) / 10} s`),
  };
}

/** For a follower supervised on its own (tests, tools): failures go to a callback, recoveries nowhere. */
export function reportOutagesTo(onError: ((error: unknown) => void) | undefined): SupervisorEvents {
  return { onOutage: (_name, error) => onError?.(error), onRecovered: () => undefined };
}

/**
 * Connection-loss reports (a pool's idle clients, a LISTEN connection retrying every second) come
 * in bursts during one outage: the first of a burst is reported, the rest until `quietMs` of calm are not.
 */
export function oncePerBurst<E>(report: (error: E) => void, quietMs = 60_000, now: () => number = Date.now): (error: E) => void {
  let lastErrorAt = Number.NEGATIVE_INFINITY;
  return (error) => {
    const at = now();
    if (at - lastErrorAt > quietMs) report(error);
    lastErrorAt = at;
  };
}
