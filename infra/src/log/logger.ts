import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (pino): cheap enough for hundreds of concurrent sessions. */
export function createLogger(name: string, level: string = 'info', destination?: DestinationStream): Logger {
  return destination ? pino({ name, level, base: { service: name } }, destination) : pino({ name, level, base: { service: name } });
}
