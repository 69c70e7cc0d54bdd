import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assignmentSecrets, keywordSecrets } from '../src/capture/secret-grammar.js';
import { redactSecrets } from '../src/capture/index.js';
import { listPlatforms } from '../src/platforms/index.js';

const it = suite('masking secrets by the grammar of a CLI');

const grammar = { secrets: [keywordSecrets({ keywords: ['key', 'secret'], qualifiers: ['[0-9]', 'encrypted'], notValues: ['chain'], freeText: ['description'] })] };

it('masks the value after a keyword at any indentation and in any position on the line', () => {
  assert.is(redactSecrets('key 7 070C285F4D06\n key abc\n   server-private 10.1.1.1 key 7 094F\n', grammar), 'key 7 <removed>\n key <removed>\n   server-private 10.1.1.1 key 7 <removed>\n');
});

it('keeps the qualifiers and the spacing, masks a quoted value whole', () => {
  assert.is(redactSecrets('secret encrypted  "two words" trailing', grammar), 'secret encrypted  <removed> trailing');
});

it('masks every value on a line with several keywords', () => {
  assert.is(redactSecrets('x key 0 a secret 0 b', grammar), 'x key 0 <removed> secret 0 <removed>');
});

it('leaves a keyword alone when a command word follows, when nothing follows, and in free text', () => {
  const text = 'key chain KC\nno key\ndescription uplink key account\n';
  assert.is(redactSecrets(text, grammar), text);
});

it('matches keywords as whole words only', () => {
  const text = 'monkey 1234\nkey-chain KC\nsecret-sauce yes\n';
  assert.is(redactSecrets(text, grammar), text);
});

it('a value ends at `;` in the braces formats and never is a brace', () => {
  const braces = { secrets: [keywordSecrets({ keywords: ['secret'], valueEnd: 'semicolon' })] };
  assert.is(redactSecrets('secret "$9$abc"; ## SECRET-DATA\nsecret {\n', braces), 'secret <removed>; ## SECRET-DATA\nsecret {\n');
});

it('key=value grammars mask quoted values with spaces and escaped quotes, and only whole property names', () => {
  const assignments = { secrets: [assignmentSecrets({ keys: ['secret', 'private-key'] })] };
  assert.is(
    redactSecrets('add secret="a \\"b\\" c" name=x private-key=abc public-key=pub my-secret=x', assignments),
    'add secret=<removed> name=x private-key=<removed> public-key=pub my-secret=x',
  );
});

it('every platform rule carries the g and m flags', () => {
  for (const platform of listPlatforms()) {
    for (const rule of platform.secrets) assert.ok(rule.pattern.global && rule.pattern.multiline, `${platform.id}: ${String(rule.pattern)}`);
  }
});

it.run();
