import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyConfigPolicy } from '../src/capture/index.js';

const it = suite('backup policy rules on a cleaned config');
const CONFIG = 'hostname r1\n! Time: 14:02:11\nsnmp-server community s3cret RO\nsnmp-server location lab\nusername ops secret plain\nend\n';

it('volatile lines are dropped, the final newline kept', () => {
  assert.is(applyConfigPolicy(CONFIG, { volatile: ['^! Time: '], secrets: [] }),
    'hostname r1\nsnmp-server community s3cret RO\nsnmp-server location lab\nusername ops secret plain\nend\n');
});

it('secrets: capture groups masked, keyword kept; without groups the whole match', () => {
  const masked = applyConfigPolicy(CONFIG, { volatile: [], secrets: ['^snmp-server community (\\S+)', 'secret plain$'] });
  assert.match(masked, 'snmp-server community <removed> RO\n');
  assert.match(masked, 'username ops <removed>\n');
  assert.not.match(masked, 's3cret');
});

it('lookbehind, several groups, nested groups, every occurrence', () => {
  const text = 'key one=1 two=2\nkey one=3 two=4\n';
  assert.is(applyConfigPolicy(text, { volatile: [], secrets: ['one=(\\d) two=(\\d)'] }), 'key one=<removed> two=<removed>\nkey one=<removed> two=<removed>\n');
  assert.is(applyConfigPolicy(text, { volatile: [], secrets: ['(?<=two=)\\d'] }), 'key one=1 two=<removed>\nkey one=3 two=<removed>\n');
  assert.is(applyConfigPolicy('a=xy\n', { volatile: [], secrets: ['a=((x)y)'] }), 'a=<removed>\n');
  // A group that did not take part in the match masks nothing of its own.
  assert.is(applyConfigPolicy('p=1\n', { volatile: [], secrets: ['p=(?:(z)|1)'] }), 'p=1\n');
});

it('an empty policy changes nothing', () => {
  assert.is(applyConfigPolicy(CONFIG, { volatile: [], secrets: [] }), CONFIG);
});

it.run();
