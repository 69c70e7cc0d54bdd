import type { SecretRule } from '../platforms/platform.js';

/**
 * How a vendor's CLI says "a secret follows": the keyword, optional qualifiers (an encryption type
 * `7`, `encrypted`, `ciphertext`, `ENC`) that are kept, then the value, masked as `<removed>`.
 * Every part is a regex fragment, so one table serves any indentation and any parent block.
 */
export interface KeywordGrammar {
  /** The words right before the value, e.g. `key-string`, `message-digest-key \d+ md5`; longer phrases first. */
  readonly keywords: readonly string[];
  /** Whole tokens that may stand between keyword and value and are kept, e.g. `[0-9]`, `encrypted`. */
  readonly qualifiers?: readonly string[];
  /** Whole tokens that, right after a keyword, mean the command goes on without a secret (`key chain`). */
  readonly notValues?: readonly string[];
  /** First words of lines that are free text (`description`): a keyword there is just a word. */
  readonly freeText?: readonly string[];
  /** `whitespace` (most CLIs) or `semicolon`: Junos and PAN-OS end a value at `;` and never at `{`. */
  readonly valueEnd?: 'whitespace' | 'semicolon';
}

/** How `key=value` CLIs (RouterOS) name their secret properties. */
export interface AssignmentGrammar {
  /** Property names, e.g. `password`, `tcp-md5-key`; matched whole, never as the tail of a longer name. */
  readonly keys: readonly string[];
}

const MASK = '<removed>';
const QUOTED = String.raw`"[^"\n]*"`;
const VALUE_TO_WHITESPACE = String.raw`(?:${QUOTED}|\S+)`;
const VALUE_TO_SEMICOLON = String.raw`(?:${QUOTED}|[^\s;{}]+)`;

const alternatives = (fragments: readonly string[]): string => fragments.map((fragment) => `(?:${fragment})`).join('|');

/** One rule that masks the value after every keyword of the grammar, wherever on a line it stands. */
export function keywordSecrets(grammar: KeywordGrammar): SecretRule {
  const freeText = grammar.freeText ?? [];
  // A keyword inside a description is prose, not a command; checked only where a keyword matched.
  const notInFreeText = freeText.length === 0 ? '' : String.raw`(?<!^[ \t]*(?:${alternatives(freeText)})\b[^\n]*)`;
  const qualifiers = grammar.qualifiers ?? [];
  const kept = qualifiers.length === 0 ? '' : String.raw`(?:[ \t]+(?:${alternatives(qualifiers)})(?=[ \t]))*`;
  const notValues = grammar.notValues ?? [];
  const notAValue = notValues.length === 0 ? '' : String.raw`(?!(?:${alternatives(notValues)})(?![^\s;]))`;
  const value = grammar.valueEnd === 'semicolon' ? VALUE_TO_SEMICOLON : VALUE_TO_WHITESPACE;
  const pattern = String.raw`((?:^|[ \t])(?:${alternatives(grammar.keywords)})${notInFreeText}${kept})([ \t]+)${notAValue}(?!${MASK})${value}`;
  return { pattern: new RegExp(pattern, 'gm'), replacement: `$1$2${MASK}` };
}

/** One rule that masks the value of every secret property of a `key=value` CLI, quoted or not. */
export function assignmentSecrets(grammar: AssignmentGrammar): SecretRule {
  const pattern = String.raw`((?<![\w-])(?:${alternatives(grammar.keys)})=)(?:"(?:[^"\\\n]|\\.)*"|[^\s"]\S*)`;
  return { pattern: new RegExp(pattern, 'gm'), replacement: `$1${MASK}` };
}
