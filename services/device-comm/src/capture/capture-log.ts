export type CaptureLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line of a device conversation's log; always redacted before it is handed out. */
export interface CaptureLogLine {
  level: CaptureLogLevel;
  message: string;
}

export type CaptureLogger = (level: CaptureLogLevel, message: string) => void;

/** A logger that passes every message through `redact` before the sink sees it. */
export function redactingLogger(
  sink: ((line: CaptureLogLine) => void) | undefined,
  redact: (text: string) => string,
): CaptureLogger {
  if (!sink) return () => undefined;
  return (level, message) => sink({ level, message: redact(message) });
}
