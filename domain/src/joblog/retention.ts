import { LOG_KINDS, type LogKind } from './events.js';

/** How long and how many log lines of one type the read model keeps. */
export interface LogTypeRetention {
  /** Lines older than this many days are deleted. */
  readonly maxAgeDays: number;
  /** Only the newest this many lines are kept; undefined: no cap. */
  readonly maxCount: number | undefined;
}

export type LogRetentionPolicy = Readonly<Record<LogKind, LogTypeRetention>>;

export const DEFAULT_LOG_RETENTION_DAYS = 90;

/** One rule for every type, with overrides per type. */
export function logRetentionPolicy(
  defaults: LogTypeRetention = { maxAgeDays: DEFAULT_LOG_RETENTION_DAYS, maxCount: undefined },
  overrides: Partial<Record<LogKind, Partial<LogTypeRetention>>> = {},
): LogRetentionPolicy {
  const policy = {} as Record<LogKind, LogTypeRetention>;
  for (const kind of LOG_KINDS) {
    const own = overrides[kind] ?? {};
    const rule = { maxAgeDays: own.maxAgeDays ?? defaults.maxAgeDays, maxCount: 'maxCount' in own ? own.maxCount : defaults.maxCount };
    if (!(rule.maxAgeDays > 0)) throw new RangeError(`log retention of ${kind}: max age must be more than 0 days`);
    if (rule.maxCount !== undefined && !(Number.isInteger(rule.maxCount) && rule.maxCount >= 0))
      throw new RangeError(`log retention of ${kind}: max count must be a whole number`);
    policy[kind] = rule;
  }
  return policy;
}

/** Per type: lines strictly before `olderThan` go, and all but the newest `keepNewest`. */
export interface LogRetentionCut {
  readonly kind: LogKind;
  readonly olderThan: Date;
  readonly keepNewest: number | undefined;
}

const DAY_MS = 86_400_000;

/** What the policy deletes at `now` (the caller's clock). */
export function logRetentionCuts(policy: LogRetentionPolicy, now: Date): LogRetentionCut[] {
  return LOG_KINDS.map((kind) => ({
    kind,
    olderThan: new Date(now.getTime() - policy[kind].maxAgeDays * DAY_MS),
    keepNewest: policy[kind].maxCount,
  }));
}
