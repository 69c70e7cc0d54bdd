import type { CliMode, CommandSpec } from './platform-profile.js';

export type ParsedCommand =
  | { kind: 'empty' }
  | { kind: 'command'; spec: CommandSpec; argument?: number }
  /** The first word matches nothing (IOS would try to telnet to it). */
  | { kind: 'unknown'; column: number; word: string }
  /** A later word matches nothing; `column` is where the vendor puts its `^`, `token` its 0-based position. */
  | { kind: 'invalid'; column: number; word: string; token: number }
  | { kind: 'incomplete' }
  | { kind: 'ambiguous' };

export interface ParseRules {
  commands: readonly CommandSpec[];
  mode: CliMode;
  /** Whether a word may be any unambiguous prefix of the keyword. */
  abbreviations: boolean;
}

interface Token {
  text: string;
  column: number;
}

const RANGE = /^<(\d+)-(\d+)>$/;

function tokenize(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((match) => ({ text: match[0], column: match.index ?? 0 }));
}

function isRange(word: string): boolean {
  return RANGE.test(word);
}

function wordMatches(word: string, token: string, abbreviations: boolean): boolean {
  const range = RANGE.exec(word);
  if (range) return /^\d+$/.test(token) && Number(token) >= Number(range[1]) && Number(token) <= Number(range[2]);
  // Network CLIs ignore case and take prefixes; a Unix shell takes exactly what was typed (`/etc/NetworkManager`).
  return abbreviations ? word.startsWith(token.toLowerCase()) : word === token;
}

/** Resolves a typed line against a command table the way Cisco-like CLIs do. */
export function parseCommand(line: string, rules: ParseRules): ParsedCommand {
  const tokens = tokenize(line);
  if (tokens.length === 0) return { kind: 'empty' };
  let candidates = rules.commands.filter((spec) => spec.modes.includes(rules.mode));
  for (const [position, token] of tokens.entries()) {
    const matching = candidates.filter((spec) => {
      const word = spec.words[position];
      return word !== undefined && wordMatches(word, token.text, rules.abbreviations);
    });
    if (matching.length === 0) {
      return position === 0
        ? { kind: 'unknown', column: token.column, word: token.text }
        : { kind: 'invalid', column: token.column, word: token.text, token: position };
    }
    const exact = matching.filter((spec) => spec.words[position] === token.text.toLowerCase());
    const distinctWords = new Set(matching.map((spec) => spec.words[position]));
    if (exact.length === 0 && distinctWords.size > 1) return { kind: 'ambiguous' };
    candidates = exact.length > 0 ? exact : matching;
  }
  const complete = candidates.find((spec) => spec.words.length === tokens.length);
  if (!complete) return { kind: 'incomplete' };
  // The number typed where the command takes one, wherever it stands (`screen-length 0 temporary`).
  const numberAt = complete.words.findIndex(isRange);
  const typed = numberAt >= 0 ? tokens[numberAt] : undefined;
  if (typed) return { kind: 'command', spec: complete, argument: Number(typed.text) };
  return { kind: 'command', spec: complete };
}
