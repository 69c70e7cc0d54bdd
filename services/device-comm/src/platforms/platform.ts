import type { DeviceFacts } from '@netraven/domain';

/** A pager prompt the session answers when paging could not be turned off. */
export interface PagerRule {
  /** Matches the pager prompt at the end of the line being received. */
  pattern: RegExp;
  /** What to send to see the rest (usually a space). */
  answer: string;
}

/** A secret in device output and how it is masked, e.g. `enable secret 9 <removed>`. */
export interface SecretRule {
  /** Must carry the `g` and `m` flags: rules run over whole multi-line texts. */
  pattern: RegExp;
  replacement: string;
}

/** How to get from user mode to privileged mode (`enable` on Cisco-like CLIs). */
export interface EnableStep {
  command: string;
  passwordPrompt: RegExp;
  /** Matches a prompt that is already privileged; no enable step is taken then. */
  privilegedPrompt: RegExp;
}

/**
 * Where each fact is found in the version (and inventory) output: the first capture group is the value.
 * `null`: the output does not carry it (EOS prints no hostname; the session takes it from the prompt).
 */
export type FactPatterns = { readonly [Fact in keyof DeviceFacts]-?: RegExp | null };

/**
 * Everything vendor-specific about backing up one kind of device, as data.
 * The session engine reads this; it never branches on a vendor.
 */
export interface Platform {
  readonly id: string;
  readonly name: string;
  /** Matches a whole prompt line. Capture group 1, when present, is the hostname; it may not change mid-session. */
  readonly prompt: RegExp;
  readonly enable?: EnableStep;
  /** Sent once after login, in order; a rejected one is logged and the pager fallback takes over. */
  readonly pagingOff: readonly string[];
  readonly pagers: readonly PagerRule[];
  readonly commands: {
    readonly config: string;
    readonly version: string;
    /** Also read for facts when the version output lacks some (IOS XR and OS10 print no serial there). */
    readonly inventory?: string;
  };
  /** Lines before the config proper (`Building configuration...`), dropped from the top only. */
  readonly configHeader: readonly RegExp[];
  /** Lines that change without anyone changing the config (clocks, counters); dropped anywhere. */
  readonly volatile: readonly RegExp[];
  readonly secrets: readonly SecretRule[];
  /** Output lines that mean the device rejected a command. */
  readonly errors: readonly RegExp[];
  /** A complete config matches this; anything else is empty or truncated. */
  readonly configComplete: RegExp;
  readonly facts: FactPatterns;
  readonly logout: string;
  /**
   * Over SSH, run each command in its own exec channel instead of an interactive shell: no prompt,
   * no pager, no enable step (Linux, and boxes whose exec lands in privileged mode).
   */
  readonly exec?: true;
  /**
   * Appended to the username at login, to ask for a plainer console: RouterOS reads `admin+ct` as the
   * user `admin` without colours (`c`) and without terminal probing (`t`). Not added when the username already has one.
   */
  readonly loginNameSuffix?: string;
}
