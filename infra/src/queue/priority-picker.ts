import type { JobPriority } from '@netraven/domain';

export type TaskPriority = JobPriority;
/** Highest first. */
export const TASK_PRIORITIES: readonly TaskPriority[] = ['HIGH', 'NORMAL', 'LOW'];

/** Picks of higher work a waiting lower priority sits out before it gets one pick; default 4. */
export const DEFAULT_PASS_LIMIT = 4;

/**
 * Which priority a free worker slot takes next. The rule: the highest priority that has work waiting,
 * except that a lower priority passed over `passLimit` times while it waited takes the next pick (and
 * its count starts again). So with every level backlogged HIGH gets at least 4 of every 6 picks and waits
 * at most 2 picks (low never starves high), while NORMAL and LOW still get one pick in 5 or 6 (high never
 * starves low forever). No task is preempted: a running LOW task finishes first.
 */
export class PriorityPicker {
  private readonly passedOver = new Map<TaskPriority, number>(TASK_PRIORITIES.map((p) => [p, 0]));

  constructor(private readonly passLimit = DEFAULT_PASS_LIMIT) {}

  pick(waiting: (priority: TaskPriority) => boolean): TaskPriority | undefined {
    const levels = TASK_PRIORITIES.filter(waiting);
    if (levels.length === 0) return undefined;
    // Lowest first: the longest-starved level is served before a less starved one.
    const overdue = [...levels].reverse().find((p) => (this.passedOver.get(p) ?? 0) >= this.passLimit);
    const chosen = overdue ?? (levels[0] as TaskPriority);
    const rank = TASK_PRIORITIES.indexOf(chosen);
    for (const p of levels) {
      if (p === chosen) this.passedOver.set(p, 0);
      else if (TASK_PRIORITIES.indexOf(p) > rank) this.passedOver.set(p, (this.passedOver.get(p) ?? 0) + 1);
    }
    return chosen;
  }
}

/** A task's priority; tasks queued before priorities existed run at NORMAL. */
export const priorityOf = (task: { readonly priority?: TaskPriority }): TaskPriority => task.priority ?? 'NORMAL';
