// The KurrentDB adapter apart from `@netraven/infra/eventstore`: its client (gRPC, protobuf) is ~8 MB of heap and
// ~20 MB of resident memory, loaded only by a process configured with ESDB_URL.
export { KurrentEventStore, type KurrentEventStoreOptions } from '../eventstore/esdb/kurrent-event-store.js';
