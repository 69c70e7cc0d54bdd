import type pg from 'pg';

/**
 * A server restart closes every connection. pg emits that as an `error` event on the pool (idle
 * clients) or on the client itself (checked out, between two queries of a transaction); either
 * unhandled would end the process. The broken client is discarded on release and the next query
 * opens another, so the loss is reported, not fatal.
 */
export function reportConnectionLoss(pool: pg.Pool, report: (error: Error) => void): pg.Pool {
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}
