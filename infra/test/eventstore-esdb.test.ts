import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KurrentEventStore } from '../src/esdb/index.js';
import { eventStoreContract } from './eventstore-contract.js';

// The shared contract against a real server, e.g. ESDB_URL=esdb://localhost:2113?tls=false (see
// docs/eventstore-esdb.md). The slow-transaction case does not apply: the server orders commits itself.
const url = process.env.ESDB_URL;

if (url) {
  eventStoreContract('kurrentdb', async () => {
    const store = KurrentEventStore.connect(url);
    return { store, dispose: () => store.close() };
  });
} else {
  console.log('SKIPPED: EventStoreDB contract suite — ESDB_URL is not set');
  test('EventStoreDB contract suite: skipped, nothing run against a server', () => {
    assert.ok(!process.env.ESDB_URL);
    assert.type(KurrentEventStore.connect, 'function');
  });
  test.run();
}
