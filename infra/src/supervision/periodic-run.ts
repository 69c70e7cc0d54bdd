import type { FollowerRun } from './supervisor.js';

/**
 * A follower run that repeats `step` until stopped: each step says how long to wait before the
 * next one. A failing step ends the run with its error, so the supervisor restarts it with backoff;
 * `stop` cuts the wait short.
 */
export function runPeriodically(step: () => Promise<number>): FollowerRun {
  let stopped = false;
  let wake: () => void = () => undefined;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const waitMs = await step();
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const done = loop();
  return {
    done,
    stop: async () => {
      stopped = true;
      wake();
      await done.catch(() => undefined);
    },
  };
}
