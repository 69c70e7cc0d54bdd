import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mapGroups, parseGroupMapping } from '../src/user/index.js';
import { ValidationError } from '../src/shared/errors.js';

const mapping = suite('identity-provider group mapping');
const RULES = parseGroupMapping('netops-admins=ADMIN; netops=OPERATOR:core,edge ;noc=viewer;branch=OPERATOR:branch');

mapping('parses group=ROLE[:tags] rules', () => {
  assert.equal(RULES, [
    { group: 'netops-admins', role: 'ADMIN', tags: [] },
    { group: 'netops', role: 'OPERATOR', tags: ['core', 'edge'] },
    { group: 'noc', role: 'VIEWER', tags: [] },
    { group: 'branch', role: 'OPERATOR', tags: ['branch'] },
  ]);
});

mapping('refuses a malformed mapping, an unknown role, or none at all', () => {
  for (const text of ['netops', 'netops=ROOT', '', ' ; '])
    assert.throws(() => parseGroupMapping(text), (e: unknown) => e instanceof ValidationError, text);
});

mapping('the highest role wins, with the union of its rules\' tags; no match is undefined', () => {
  assert.equal(mapGroups(RULES, ['noc', 'netops-admins']), { role: 'ADMIN', tags: [] });
  assert.equal(mapGroups(RULES, ['noc', 'netops', 'branch']), { role: 'OPERATOR', tags: ['branch', 'core', 'edge'] });
  assert.equal(mapGroups(RULES, ['noc']), { role: 'VIEWER', tags: [] });
  assert.is(mapGroups(RULES, ['marketing']), undefined);
  assert.is(mapGroups(RULES, []), undefined);
});

mapping.run();
