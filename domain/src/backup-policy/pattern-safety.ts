import { ValidationError } from '../shared/errors.js';
import { quoted } from '../shared/validation.js';

export const PATTERN_LIMITS = {
  /** Characters in one pattern. */
  length: 200,
  /** Patterns in one list (volatile, secrets). */
  count: 50,
  /** Unbounded quantifiers (`*`, `+`, `{n,}`) in one pattern: `.*a.*b.*c.*` is already cubic on a long line. */
  unboundedQuantifiers: 3,
} as const;

/**
 * A user's regex, checked before it can reach a backup: it compiles as a JavaScript regex, and it
 * cannot backtrack catastrophically. Refused (the classic ReDoS shapes): a quantified group that
 * holds a quantifier or an alternation (`(a+)+`, `(\w*)*`, `(a|ab)*`), backreferences, and more
 * than a few unbounded quantifiers. What remains runs in polynomial time of low degree, which a
 * config line (or a whole config, for secrets) affords. Returns the pattern unchanged.
 */
export function requireSafePattern(pattern: unknown, field: string): string {
  if (typeof pattern !== 'string' || pattern.length === 0) throw new ValidationError(`${field}: a pattern must be a non-empty string`, field);
  if (pattern.length > PATTERN_LIMITS.length) throw new ValidationError(`${field}: pattern ${quoted(pattern)} is over ${PATTERN_LIMITS.length} characters`, field);
  if (/[\u0000-\u001f\u007f]/.test(pattern)) throw new ValidationError(`${field}: pattern ${quoted(pattern)} contains control characters`, field);
  try {
    new RegExp(pattern, 'gmd');
  } catch (error) {
    throw new ValidationError(`${field}: ${quoted(pattern)} is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`, field);
  }
  const problem = backtrackingRisk(pattern);
  if (problem) throw new ValidationError(`${field}: pattern ${quoted(pattern)} could take exponential time (${problem}); simplify it`, field);
  // An empty match masks nothing but marks every position; a line pattern matching any line drops the whole config.
  const regex = new RegExp(pattern);
  if (regex.test('') && (field === 'secrets' || regex.test('end'))) {
    throw new ValidationError(`${field}: pattern ${quoted(pattern)} matches the empty string, so it would match everywhere`, field);
  }
  return pattern;
}

interface Group {
  quantifierInside: boolean;
  alternationInside: boolean;
}

/** Walks the pattern once, tracking groups and character classes; returns why it is risky, or undefined. */
function backtrackingRisk(pattern: string): string | undefined {
  const stack: Group[] = [];
  let unbounded = 0;
  let inClass = false;
  let closed: Group | undefined;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    const justClosed = closed;
    closed = undefined;
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'a backreference';
      i += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      continue;
    }
    if (char === '(') {
      stack.push({ quantifierInside: false, alternationInside: false });
      continue;
    }
    if (char === ')') {
      const group = stack.pop();
      if (group) {
        const parent = stack.at(-1);
        if (parent) {
          parent.quantifierInside ||= group.quantifierInside;
          parent.alternationInside ||= group.alternationInside;
        }
        closed = group;
      }
      continue;
    }
    if (char === '|') {
      const current = stack.at(-1);
      if (current) current.alternationInside = true;
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier === undefined) continue;
    if (quantifier.unbounded) unbounded += 1;
    if (justClosed && quantifier.repeats && (justClosed.quantifierInside || justClosed.alternationInside)) {
      return justClosed.quantifierInside ? 'a repeated group that contains a quantifier' : 'a repeated group that contains alternatives';
    }
    const current = stack.at(-1);
    if (current && quantifier.repeats) current.quantifierInside = true;
    i = quantifier.end;
  }
  if (unbounded > PATTERN_LIMITS.unboundedQuantifiers) return `more than ${PATTERN_LIMITS.unboundedQuantifiers} unbounded quantifiers`;
  return undefined;
}

/** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` at `i` (with a lazy/possessive suffix), or undefined. */
function quantifierAt(pattern: string, i: number): { repeats: boolean; unbounded: boolean; end: number } | undefined {
  const char = pattern[i];
  const lazy = (at: number) => (pattern[at + 1] === '?' ? at + 1 : at);
  if (char === '*' || char === '+') return { repeats: true, unbounded: true, end: lazy(i) };
  if (char === '?') return { repeats: false, unbounded: false, end: lazy(i) };
  if (char !== '{') return undefined;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!braces) return undefined;
  const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
  return { repeats: max > 1, unbounded: max === Infinity, end: lazy(i + braces[0].length - 1) };
}
