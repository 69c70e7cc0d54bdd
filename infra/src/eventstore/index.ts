export * from './event-store.js';
export * from './command-handler.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export * from './command-metadata.js';
export * from './upcasting-event-store.js';
