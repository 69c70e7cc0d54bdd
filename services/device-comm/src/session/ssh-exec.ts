import { StringDecoder } from 'node:string_decoder';
import type { CliDialect } from './cli-session.js';
import { CommandRejectedError, DeviceCommError } from './device-comm-error.js';
import { outputLimits, outputTooLarge, type OutputLimits } from './output-limits.js';
import type { SshConnection } from './ssh-connection.js';
import { TerminalText } from './terminal-text.js';
import type { CommandChannel } from './transport.js';

export interface SshExecOptions {
  commandTimeoutMs: number;
  limits?: Partial<OutputLimits>;
}

/**
 * Runs each command in its own SSH exec channel: no prompt to find, no pager, no enable step; the
 * channel closing ends the output. For devices that allow it (Linux, many IOS boxes).
 */
export class SshExecChannel implements CommandChannel {
  readonly hostname = undefined;
  private readonly limits: OutputLimits;
  private dropped = 0;

  constructor(
    private readonly connection: SshConnection,
    private readonly dialect: Pick<CliDialect, 'errors'>,
    private readonly options: SshExecOptions,
  ) {
    this.limits = outputLimits(options.limits);
  }

  get address(): string {
    return this.connection.address;
  }

  get droppedCharacters(): number {
    return this.dropped;
  }

  async run(command: string): Promise<string> {
    const output = await this.exec(command);
    const rejected = output.split('\n').find((line) => this.dialect.errors.some((error) => error.test(line)));
    if (rejected !== undefined) throw new CommandRejectedError(`${this.address} rejected "${command}": ${rejected.trim()}`);
    return output;
  }

  /** Nothing to say: each channel already ended; the caller hangs up the connection. */
  async logout(): Promise<void> {}

  private exec(command: string): Promise<string> {
    const { client } = this.connection;
    const timeoutMs = this.options.commandTimeoutMs;
    return new Promise((resolve, reject) => {
      const screen = new TerminalText();
      const decoder = new StringDecoder('utf8');
      let received = 0;
      let exitCode: number | undefined;
      let settled = false;
      let stop = (): void => undefined;
      const finish = (error: DeviceCommError | undefined): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.off('close', dropped);
        stop();
        if (error) return reject(error);
        screen.push(decoder.end());
        this.dropped += screen.droppedCharacters;
        const lines = [...screen.completedLines];
        if (screen.currentLine !== '') lines.push(screen.currentLine);
        if (exitCode !== undefined && exitCode !== 0) {
          const said = lines.find((line) => line.trim() !== '')?.trim();
          return reject(new CommandRejectedError(`${this.address}: "${command}" exited with status ${exitCode}${said ? `: ${said}` : ''}`));
        }
        resolve(lines.join('\n'));
      };
      const timer = setTimeout(
        () => finish(new DeviceCommError('timeout', `${this.address} did not finish "${command}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const dropped = (): void => finish(new DeviceCommError('protocol', `${this.address} dropped the connection during "${command}"`));
      client.once('close', dropped);
      client.exec(command, (error, channel) => {
        if (error) return finish(new DeviceCommError('command', `${this.address} refused to exec "${command}": ${error.message}`, { cause: error }));
        if (settled) return channel.close();
        stop = () => channel.close();
        const receive = (chunk: Buffer): void => {
          received += chunk.length;
          if (received > this.limits.maxOutputBytes) return finish(outputTooLarge(this.address, `"${command}"`, this.limits.maxOutputBytes));
          screen.push(decoder.write(chunk));
        };
        channel.on('data', receive);
        channel.stderr.on('data', receive);
        channel.on('exit', (code: number | null) => {
          if (typeof code === 'number') exitCode = code;
        });
        channel.on('close', () => finish(undefined));
      });
    });
  }
}
