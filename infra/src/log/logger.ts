import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (pino): cheap enough for hundreds of concurrent sessions. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
