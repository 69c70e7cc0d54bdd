import type { BatchHandler, EventStore, SubscribeAllOptions, Subscription } from '@netraven/infra/eventstore';

/**
 * The event store as the projectors see it, noting when each job's first event was handed over to the
 * subscription of the given event types (wall clock, ms): with the time the command was accepted and the
 * time the projector announced its commit, it splits the projection's share into reading and applying.
 */
export function noteHandOvers(store: EventStore, eventTypes: readonly string[], handedOver: Map<string, number>): EventStore {
  const watched = (options: SubscribeAllOptions): boolean =>
    options.filter?.eventTypes?.length === eventTypes.length && eventTypes.every((type) => options.filter?.eventTypes?.includes(type));
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'subscribeAll') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (options: SubscribeAllOptions, handler: BatchHandler): Subscription => {
        if (!watched(options)) return target.subscribeAll(options, handler);
        return target.subscribeAll(options, (events) => {
          const at = performance.timeOrigin + performance.now();
          for (const event of events) {
            const jobId = (event.data as { jobId?: unknown }).jobId;
            if (typeof jobId === 'string' && !handedOver.has(jobId)) handedOver.set(jobId, at);
          }
          return handler(events);
        });
      };
    },
  });
}
