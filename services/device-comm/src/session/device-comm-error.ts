import type { FailureCategory } from '@netraven/domain';

/** A failed conversation with a device, sorted into the category that decides retries and alerts. */
export class DeviceCommError extends Error {
  override readonly name = 'DeviceCommError';

  constructor(
    readonly category: FailureCategory,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The device answered a command with an error (`% Invalid input`, a non-zero exit status): it is there and talking. */
export class CommandRejectedError extends DeviceCommError {
  constructor(message: string) {
    super('command', message);
  }
}

export function isDeviceCommError(error: unknown): error is DeviceCommError {
  return error instanceof DeviceCommError;
}
