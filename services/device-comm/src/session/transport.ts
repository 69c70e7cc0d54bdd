import type { DeviceCommError } from './device-comm-error.js';

/**
 * A byte stream to a device's command line, whatever carries it: an SSH shell channel, Telnet. The
 * CLI session on top finds prompts and answers pagers; a transport only moves bytes and says why it ended.
 */
export interface CliTransport {
  /** `host:port`, for messages. */
  readonly address: string;
  /** Keystrokes; `\n` ends a line, and each transport sends it the way its protocol wants. */
  write(text: string): void;
  /** Sets the one receiver of device output; output that arrived before is handed over at once. */
  onData(receiver: (chunk: Buffer) => void): void;
  /** Settles once, when the stream ends, with the reason as a categorised error. */
  readonly closed: Promise<DeviceCommError>;
  /** Hangs up; safe to call more than once. */
  close(): void;
}

/**
 * One way of running commands on a device: an interactive CLI (over SSH or Telnet), SSH exec channels,
 * and next an HTTP API. A capture only asks for command output and needs nothing else.
 */
export interface CommandChannel {
  /** `host:port`, for messages. */
  readonly address: string;
  /** The hostname the device showed in its prompt, for channels that have one. */
  readonly hostname: string | undefined;
  /** Characters dropped so far because they were not text (line noise, bytes that were not UTF-8). */
  readonly droppedCharacters: number;
  /** The command's output; a device error (`% Invalid input`) throws `command`. */
  run(command: string): Promise<string>;
  /** Ends the conversation the polite way when the protocol has one; never throws. */
  logout(): Promise<void>;
}

/** Holds output until its receiver is set, so nothing a device says early is lost. */
export class OutputBuffer {
  private held: Buffer[] | undefined = [];
  private receiver: ((chunk: Buffer) => void) | undefined;

  push(chunk: Buffer): void {
    if (this.receiver) this.receiver(chunk);
    else this.held?.push(chunk);
  }

  attach(receiver: (chunk: Buffer) => void): void {
    this.receiver = receiver;
    const held = this.held ?? [];
    this.held = undefined;
    for (const chunk of held) receiver(chunk);
  }
}
