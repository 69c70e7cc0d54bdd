import type { SimulatedDevice } from './simulated-device.js';

export type CliMode = 'user' | 'privileged' | 'config';

/**
 * Text printed by the CLI, with placeholders filled in at print time: `{hostname}` and `{username}` in
 * prompts; `{caret}` (a `^` under the offending word, counting the prompt), `{line}`, `{word}`,
 * `{token}` (its 0-based position), `{column}` (its 1-based column in the line) and `{command}` (the
 * line's first word) in error messages; `{value}` (the number typed) in replies.
 */
export type Template = string;

/** What a command does; the session knows how to carry out each kind, whatever the vendor. */
export type CommandAction =
  | { kind: 'show'; render: (device: SimulatedDevice, now: Date) => string }
  | { kind: 'show-running-config' }
  /** Sets the screen length to `lines`, else to the number typed; prints `reply` (Junos: `Screen length set to 0`). */
  | { kind: 'terminal-length'; lines?: number; reply?: Template }
  | { kind: 'timestamps-off' }
  | { kind: 'accept'; reply?: Template }
  | { kind: 'enable' }
  | { kind: 'disable' }
  | { kind: 'configure' }
  | { kind: 'end' }
  | { kind: 'exit' };

export interface CommandSpec {
  /** Keywords as the vendor's help lists them; `<0-512>` takes a number in that range. */
  words: readonly string[];
  action: CommandAction;
  /** Modes the command exists in. */
  modes: readonly CliMode[];
}

export interface ErrorTemplates {
  /** The first word matches no command. */
  unknown: Template;
  /** A later word matches nothing (or names a command this mode does not have). */
  invalid: Template;
  incomplete: Template;
  ambiguous: Template;
}

/** How the pager wipes its prompt once a key was pressed. */
export type PagerErase = 'backspaces' | 'carriage-return' | 'clear-line';

export interface PagerStyle {
  /**
   * Shown on the last screen row, e.g. ` --More-- ` or `<--- More --->` (may carry ANSI attributes);
   * `{first}` and `{last}` become the numbers of the first and last line on screen (`less`).
   */
  prompt: string;
  /** A named way, or the exact bytes the device writes (Junos: a return, 40 blanks, a return). */
  erase: PagerErase | { literal: string };
}

/** For CLIs that draw on a VT100 screen rather than just print lines (HP ProCurve, bash). */
export interface ScreenDrawing {
  /** What is written instead of the bare prompt, e.g. cursor moves to the last row around it. */
  prompt?: (prompt: string) => string;
  /** Written after the echoed Enter of a command line, before its output. */
  afterEnter?: string;
}

/** How a console looks for the options a login name asked for (RouterOS `admin+ct`). */
export interface ConsoleStyle {
  /** Written after the login banner, before the first prompt (terminal probes). */
  beforePrompt?: string;
  /** Replaces the platform's prompt drawing (colours). */
  screen?: ScreenDrawing;
}

/** An `enable` step between user and privileged mode. Platforms without one log users in privileged. */
export interface EnableStyle {
  /** Whether lab devices get the lab's enable password unless told otherwise (Arista EOS: no). */
  passwordByDefault: boolean;
  /** Printed after each wrong password but the last, before asking again. */
  retry: Template;
  /** Printed after the last wrong password. */
  refused: Template;
  attempts: number;
  /** Echoed for each typed character of the password (`*` on the ASA), or nothing. */
  echoMask: string;
}

/** How a platform's running config is told apart and changed, independent of the unit. */
export interface RunningConfigDialect {
  /** Lines the device adds when it prints the config; stripped from configs fed in with setConfig. */
  printedOnly: readonly RegExp[];
  /** Capture group 1 is the hostname, which decides the prompt, as on a real box. */
  hostnameLine: RegExp;
  /** The login banner configured in the body, when the platform shows one. */
  motd?: (body: string) => string | undefined;
  /** One small operator-like change; consecutive drift numbers give different configs. */
  drift: (body: string, driftNumber: number) => string;
}

/** What a box reports about itself; fixed for the life of a simulated device. */
export interface DeviceIdentity {
  model: string;
  serial: string;
  osVersion: string;
  bootedAt: Date;
}

export interface DefaultConfigInput {
  hostname: string;
  index: number;
  username: string;
  enablePassword?: string;
}

export interface RunningConfigState {
  body: string;
  hostname: string;
  lastChangedAt: Date;
  /** How many times the config was printed before, for values that wander on every print. */
  renders: number;
  now: Date;
}

/** One simulated unit of a platform: its identity, and every printout that depends on it. */
export interface SimulatedBox {
  readonly identity: DeviceIdentity;
  /** A realistic running config body (what setConfig accepts), unique per device index. */
  defaultConfig(input: DefaultConfigInput): string;
  /** Exactly what the config command prints, headers and volatile lines included. */
  renderRunningConfig(state: RunningConfigState): string;
  showVersion(hostname: string, now: Date): string;
  showInventory(): string;
}

/** Everything vendor-specific about a simulated platform, as data plus a few small functions. */
export interface PlatformProfile {
  /** The platform id clients use, e.g. `cisco_nxos`. */
  readonly id: string;
  /** Which release or kind of box of that platform this is, when not the usual one (`10.16`, `usg-hrp`). */
  readonly variant?: string;
  /** The software version the SSH server announces (`SSH-2.0-<ident>`). */
  readonly sshIdent: string;
  readonly prompts: Readonly<Record<CliMode, Template>>;
  readonly enable?: EnableStyle;
  /** Absent: output is never paged (a Unix shell). */
  readonly pager?: PagerStyle;
  /** Printed after the login banner; the CLI waits for any key before its first prompt (`Press any key to continue`). */
  readonly loginGate?: Template;
  /** The one key that opens the login gate (FortiOS' disclaimer wants `a`); others are ignored. Default: any key. */
  readonly loginGateKey?: string;
  /**
   * For platforms that read console options after a `+` in the login name (RouterOS: `admin+ct`): the
   * part before the `+` is the user, and the letters (empty when none were given) decide how the console looks.
   */
  readonly loginNameOptions?: (letters: string) => ConsoleStyle;
  readonly screen?: ScreenDrawing;
  readonly commands: readonly CommandSpec[];
  /** Whether every word may be shortened while it stays unambiguous (`sh run`). */
  readonly abbreviations: boolean;
  readonly errors: ErrorTemplates;
  /** Printed on entering config mode. */
  readonly configBanner: string;
  /** Printed before every command's output until turned off (IOS XR's timestamp line). */
  readonly outputTimestamp?: (now: Date) => string;
  readonly runningConfig: RunningConfigDialect;
  /** Everything printed between login and the first prompt. */
  loginBanner(device: SimulatedDevice, now: Date): string;
  createBox(index: number, now: Date): SimulatedBox;
}
