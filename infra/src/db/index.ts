export * from './embedded-postgres-server.js';
export * from './fresh-database.js';
export * from './kysely-database.js';
export * from './schema-setup.js';
export * from './pool-errors.js';
export * from './no-events-connection.js';
export * from './embedded-postgres-keeper.js';
