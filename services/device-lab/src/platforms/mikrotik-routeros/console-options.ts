import type { ConsoleStyle } from '../../simulation/platform-profile.js';

/**
 * What RouterOS' console does unless the login name turns it off (`admin+ct`, MikroTik's "Console login
 * process"): `t` skips measuring the terminal, `c` the colours. Without `t` it probes with DECID (`ESC Z`),
 * cursor position reports (`ESC [6n`) after moving as far down and right as it can; without `c` the prompt is in colour.
 */
const TERMINAL_PROBE = '\x1b[9999B\x1bZ\x1b[6n\x1b[H\x1b[9999C\x1b[6n\r';

const colourPrompt = (prompt: string): string =>
  prompt.replace(/^\[([^@\]]+)@([^\]]+)\]/, '[\x1b[m\x1b[36m$1\x1b[m@\x1b[m\x1b[1m$2\x1b[m]');

/** The console for the option letters of a login name (`ct` of `admin+ct`; numbers like `511w` set sizes). */
export function routerOsConsole(letters: string): ConsoleStyle {
  const options = new Set(letters.replace(/\d+/g, ''));
  return {
    ...(options.has('t') ? {} : { beforePrompt: TERMINAL_PROBE }),
    ...(options.has('c') ? {} : { screen: { prompt: colourPrompt } }),
  };
}
