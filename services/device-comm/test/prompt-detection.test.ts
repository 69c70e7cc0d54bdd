import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ciscoIos } from '../src/platforms/index.js';
import { PromptDetector } from '../src/session/prompt-detector.js';
import { stripAnsi, TerminalText } from '../src/session/terminal-text.js';

const screen = suite('terminal text from raw pty output');

const feed = (...chunks: string[]): TerminalText => {
  const text = new TerminalText();
  for (const chunk of chunks) text.push(chunk);
  return text;
};

screen('ends lines on \\r\\n and on OpenSSH-style \\r\\r\\n, even split across chunks', () => {
  const text = feed('line one\r', '\r\nline two\r\n', 'line three\r', '\n', 'R1#');
  assert.equal(text.completedLines, ['line one', 'line two', 'line three']);
  assert.is(text.currentLine, 'R1#');
});

screen('strips colours, cursor moves and titles, even when an escape is split across chunks', () => {
  const text = feed('\x1b[1;32mR1\x1b', '[0m uptime\x1b]0;title\x07 is 1 day\r\n', '\x1b[?2004h', 'R1#\x1b[K');
  assert.equal(text.completedLines, ['R1 uptime is 1 day']);
  assert.is(text.currentLine, 'R1#');
  assert.is(stripAnsi('\x1b(B\x1b[mplain\x1b=text'), 'plaintext');
});

screen('applies backspaces, so the IOS pager wipe leaves nothing behind', () => {
  const wipe = `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`;
  const text = feed('last line of page\r\n --More-- ', wipe, 'first line of next page\r\n');
  assert.equal(text.completedLines, ['last line of page', 'first line of next page']);
});

screen('restarts the line on a lone carriage return (the space-padded pager wipe)', () => {
  const text = feed('--More--', '\r        \r', 'next\r\n');
  assert.equal(text.completedLines, ['next']);
});

screen('moves left on a cursor-left escape, so the Huawei pager wipe leaves nothing behind', () => {
  const text = feed('  #\r\n  ---- More ----', '\x1b[16D                \x1b[16D', 'vlan batch 10 20\r\n');
  assert.equal(text.completedLines, ['  #', 'vlan batch 10 20']);
});

screen('ends a line on next-line and restarts it on erase-line, as HP ProCurve draws its screen', () => {
  const text = feed('show system\x1bE Status\r\n', '-- MORE --\x1b[24;1H\x1b[2K\x1b[24;1H\x1b[1;24r\x1b[24;1H', 'next\r\n\x1b[24;1H\x1b[2KHP-2920# \x1b[24;11H');
  assert.equal(text.completedLines, ['show system', ' Status', 'next']);
  assert.is(text.currentLine, 'HP-2920# ');
});

screen('drops bells and other control characters', () => {
  assert.is(feed('R1\x07\x00#').currentLine, 'R1#');
});

screen.run();

const detector = suite('prompt detection');

detector('recognises IOS user and privileged prompts, with or without a trailing space', () => {
  const prompts = new PromptDetector(ciscoIos.prompt);
  assert.is(prompts.match('R1>'), 'R1>');
  assert.is(prompts.match('core-sw1.dc2#'), 'core-sw1.dc2#');
  assert.is(prompts.match('R1# '), 'R1#');
  assert.is(prompts.match('R1(config)#'), 'R1(config)#');
});

detector('does not take an echoed command, output or a banner line for a prompt', () => {
  const prompts = new PromptDetector(ciscoIos.prompt);
  assert.is(prompts.match('R1#show running-config'), undefined);
  assert.is(prompts.match('Device#   PID                   SN'), undefined);
  assert.is(prompts.match('#####################'), undefined);
  assert.is(prompts.match(' --More-- '), undefined);
  assert.is(prompts.match(''), undefined);
});

detector('pins the hostname once learned, so look-alike lines in output do not end a command', () => {
  const prompts = new PromptDetector(ciscoIos.prompt);
  prompts.learn('R1>');
  assert.is(prompts.pinnedHostname, 'R1');
  assert.is(prompts.match('R1#'), 'R1#', 'the prompt may change after enable');
  assert.is(prompts.match('core-sw2#'), undefined);
});

detector('finds the prompt at the end of a realistic login: banner, ANSI, \\r\\r\\n', () => {
  const text = feed('\r\r\n\x1b[1mAuthorized access only.\x1b[0m\r\r\n\r\r\n', 'R1', '>');
  const prompts = new PromptDetector(ciscoIos.prompt);
  assert.is(prompts.match(text.currentLine), 'R1>');
  assert.equal(text.completedLines, ['', 'Authorized access only.', '']);
});

detector('ignores a global flag on the platform pattern', () => {
  const prompts = new PromptDetector(/^(\w+)[>#]$/g);
  assert.is(prompts.match('R1#'), 'R1#');
  assert.is(prompts.match('R1#'), 'R1#');
});

detector.run();
