import { test } from 'uvu';

// The EventStoreDB adapter and its contract run arrive with issue 3; until then say so plainly.
test('EventStoreDB contract suite', () => {
  if (!process.env.ESDB_URL) {
    console.log('  SKIPPED: EventStoreDB contract suite — ESDB_URL is not set (no EventStoreDB server on this machine)');
    return;
  }
  throw new Error('ESDB_URL is set but the EventStoreDB adapter is not built yet (issue 3)');
});

test.run();
