import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/index.js';

const SNAPSHOT = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
const REGENERATE = 'UPDATE_SCHEMA=1 node --conditions=source --import tsx ../../node_modules/uvu/bin.js test schema-snapshot (in services/gateway)';

test('schema.graphql at the repository root is the schema the gateway serves', async () => {
  const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
  if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SNAPSHOT, printed);
  const published = await readFile(SNAPSHOT, 'utf8').catch(() => '');
  assert.ok(published === printed, `schema.graphql is out of date with the code; regenerate it with: ${REGENERATE}`);
});

test.run();
