import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { iosCli } from '../src/platforms/cisco-ios/ios-cli.js';
import { parseCommand, type ParsedCommand } from '../src/simulation/command-parser.js';
import type { CliMode } from '../src/simulation/platform-profile.js';

/** The parse as words typed in full, so the expectations read like the CLI. */
function parseIos(line: string, mode: CliMode): { kind: string; command?: string; argument?: number } {
  const parsed: ParsedCommand = parseCommand(line, { commands: iosCli.commands, mode, abbreviations: true });
  if (parsed.kind !== 'command') return { kind: parsed.kind, ...('column' in parsed ? { column: parsed.column } : {}) };
  const command = parsed.spec.words.join(' ');
  return parsed.argument === undefined ? { kind: 'command', command } : { kind: 'command', command, argument: parsed.argument };
}

test('accepts IOS abbreviations', () => {
  assert.equal(parseIos('sh run', 'privileged'), { kind: 'command', command: 'show running-config' });
  assert.equal(parseIos('show running-config', 'privileged'), { kind: 'command', command: 'show running-config' });
  assert.equal(parseIos('term len 0', 'user'), { kind: 'command', command: 'terminal length <0-512>', argument: 0 });
  assert.equal(parseIos('en', 'user'), { kind: 'command', command: 'enable' });
  assert.equal(parseIos('  sh ver  ', 'user'), { kind: 'command', command: 'show version' });
  assert.equal(parseIos('conf t', 'privileged'), { kind: 'command', command: 'configure terminal' });
});

test('answers like IOS when a command is wrong', () => {
  assert.equal(parseIos('', 'user'), { kind: 'empty' });
  assert.equal(parseIos('frobnicate', 'privileged'), { kind: 'unknown', column: 0 });
  assert.equal(parseIos('show bogus', 'privileged'), { kind: 'invalid', column: 5 });
  assert.equal(parseIos('show running-config', 'user'), { kind: 'invalid', column: 5 });
  assert.equal(parseIos('show', 'privileged'), { kind: 'incomplete' });
  assert.equal(parseIos('e', 'user'), { kind: 'ambiguous' });
  assert.equal(parseIos('terminal length 9999', 'privileged'), { kind: 'invalid', column: 16 });
});

test('knows only the commands of the current mode', () => {
  assert.equal(parseIos('end', 'privileged'), { kind: 'unknown', column: 0 });
  assert.equal(parseIos('end', 'config'), { kind: 'command', command: 'end' });
  assert.equal(parseIos('show version', 'config'), { kind: 'unknown', column: 0 });
});

test('requires whole words where a vendor does not take abbreviations', () => {
  const parsed = parseCommand('sh ver', { commands: iosCli.commands, mode: 'user', abbreviations: false });
  assert.is(parsed.kind, 'unknown');
});

test.run();
