/**
 * Decides whether the line being received is the device's prompt. Once a prompt was seen, its
 * hostname (capture group 1 of the pattern) is pinned, so output that merely looks like a prompt
 * (`core-sw2#` in a description, a banner line) is not taken for the end of a command.
 */
export class PromptDetector {
  private readonly pattern: RegExp;
  private hostname: string | undefined;

  constructor(pattern: RegExp) {
    // A global or sticky pattern would carry lastIndex from one test to the next.
    this.pattern = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  }

  /** The prompt (without trailing blanks) when `line` is one, otherwise undefined. */
  match(line: string): string | undefined {
    const found = this.pattern.exec(line);
    if (!found) return undefined;
    const hostname = found[1];
    if (this.hostname !== undefined && hostname !== undefined && hostname !== this.hostname) return undefined;
    return line.trimEnd();
  }

  /** Pins the hostname of a prompt that was certainly a prompt (seen after login). */
  learn(prompt: string): void {
    this.hostname = this.pattern.exec(prompt)?.[1];
  }

  get pinnedHostname(): string | undefined {
    return this.hostname;
  }
}
