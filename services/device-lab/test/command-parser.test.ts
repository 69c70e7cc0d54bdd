import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseIosCommand } from '../src/cisco-ios/ios-command-parser.js';

test('accepts IOS abbreviations', () => {
  assert.equal(parseIosCommand('sh run', true), { kind: 'command', id: 'show-running-config' });
  assert.equal(parseIosCommand('show running-config', true), { kind: 'command', id: 'show-running-config' });
  assert.equal(parseIosCommand('term len 0', false), { kind: 'command', id: 'terminal-length', argument: 0 });
  assert.equal(parseIosCommand('en', false), { kind: 'command', id: 'enable' });
  assert.equal(parseIosCommand('  sh ver  ', false), { kind: 'command', id: 'show-version' });
});

test('answers like IOS when a command is wrong', () => {
  assert.equal(parseIosCommand('', false), { kind: 'empty' });
  assert.equal(parseIosCommand('frobnicate', true), { kind: 'unknown' });
  assert.equal(parseIosCommand('show bogus', true), { kind: 'invalid', column: 5 });
  assert.equal(parseIosCommand('show running-config', false), { kind: 'invalid', column: 5 });
  assert.equal(parseIosCommand('show', true), { kind: 'incomplete' });
  assert.equal(parseIosCommand('e', false), { kind: 'ambiguous' });
  assert.equal(parseIosCommand('terminal length 9999', true), { kind: 'invalid', column: 16 });
});

test.run();
