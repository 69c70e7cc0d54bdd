export type IosCommandId =
  | 'show-running-config'
  | 'show-version'
  | 'show-clock'
  | 'terminal-length'
  | 'terminal-width'
  | 'enable'
  | 'disable'
  | 'exit';

interface CommandSpec {
  id: IosCommandId;
  /** Keywords; `<0-512>` takes a number. */
  words: readonly string[];
  privilegedOnly?: boolean;
}

const NUMBER = '<0-512>';

const COMMANDS: readonly CommandSpec[] = [
  { id: 'show-running-config', words: ['show', 'running-config'], privilegedOnly: true },
  { id: 'show-version', words: ['show', 'version'] },
  { id: 'show-clock', words: ['show', 'clock'] },
  { id: 'terminal-length', words: ['terminal', 'length', NUMBER] },
  { id: 'terminal-width', words: ['terminal', 'width', NUMBER] },
  { id: 'enable', words: ['enable'] },
  { id: 'disable', words: ['disable'], privilegedOnly: true },
  { id: 'exit', words: ['exit'] },
  { id: 'exit', words: ['logout'] },
  { id: 'exit', words: ['quit'] },
];

export type ParsedIosCommand =
  | { kind: 'empty' }
  | { kind: 'command'; id: IosCommandId; argument?: number }
  /** First word matches nothing: IOS would try to telnet to it. */
  | { kind: 'unknown' }
  /** A later word matches nothing; `column` is where IOS puts its `^`. */
  | { kind: 'invalid'; column: number }
  | { kind: 'incomplete' }
  | { kind: 'ambiguous' };

interface Token {
  text: string;
  column: number;
}

function tokenize(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((match) => ({ text: match[0], column: match.index ?? 0 }));
}

function wordMatches(word: string, token: string): boolean {
  if (word === NUMBER) return /^\d+$/.test(token) && Number(token) <= 512;
  return word.startsWith(token.toLowerCase());
}

/** Resolves a typed line the IOS way: every word may be abbreviated as long as it stays unambiguous. */
export function parseIosCommand(line: string, privileged: boolean): ParsedIosCommand {
  const tokens = tokenize(line);
  if (tokens.length === 0) return { kind: 'empty' };
  let candidates = COMMANDS.filter((spec) => privileged || !spec.privilegedOnly);
  for (const [position, token] of tokens.entries()) {
    const matching = candidates.filter((spec) => {
      const word = spec.words[position];
      return word !== undefined && wordMatches(word, token.text);
    });
    if (matching.length === 0) return position === 0 ? { kind: 'unknown' } : { kind: 'invalid', column: token.column };
    const exact = matching.filter((spec) => spec.words[position] === token.text.toLowerCase());
    const distinctWords = new Set(matching.map((spec) => spec.words[position]));
    if (exact.length === 0 && distinctWords.size > 1) return { kind: 'ambiguous' };
    candidates = exact.length > 0 ? exact : matching;
  }
  const complete = candidates.find((spec) => spec.words.length === tokens.length);
  if (!complete) return { kind: 'incomplete' };
  const last = tokens[tokens.length - 1];
  const argument = complete.words.at(-1) === NUMBER && last ? Number(last.text) : undefined;
  return argument === undefined ? { kind: 'command', id: complete.id } : { kind: 'command', id: complete.id, argument };
}
