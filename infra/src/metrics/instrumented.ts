import type { EventStore } from '../eventstore/event-store.js';
import type { GitConfigRepository } from '../git/git-config-repository.js';
import { BackupOutcomeMetrics } from './backup-outcomes.js';
import type { NetRavenMetrics } from './netraven-metrics.js';

/**
 * The event store with append latency and backup outcomes measured. A proxy rather than a wrapper
 * class, so every other method of the port (present or added later) passes through untouched.
 */
export function instrumentEventStore<S extends EventStore>(store: S, metrics: NetRavenMetrics): S {
  const outcomes = new BackupOutcomeMetrics(metrics);
  const append: EventStore['append'] = async (streamId, events, expected) => {
    const stopTimer = metrics.eventStoreAppend.startTimer();
    const result = await store.append(streamId, events, expected);
    stopTimer();
    outcomes.observe(events);
    return result;
  };
  const appendMany: EventStore['appendMany'] = async (writes) => {
    const stopTimer = metrics.eventStoreAppend.startTimer();
    const results = await store.appendMany(writes);
    stopTimer();
    for (const write of writes) outcomes.observe(write.events);
    return results;
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') return append;
      if (property === 'appendMany') return appendMany;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The Git repository with the latency of each config commit measured. */
export function instrumentGit(git: GitConfigRepository, metrics: NetRavenMetrics): GitConfigRepository {
  const commitConfig: GitConfigRepository['commitConfig'] = async (input) => {
    const stopTimer = metrics.gitCommit.startTimer();
    const result = await git.commitConfig(input);
    stopTimer();
    return result;
  };
  return new Proxy(git, {
    get(target, property, receiver) {
      if (property === 'commitConfig') return commitConfig;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
