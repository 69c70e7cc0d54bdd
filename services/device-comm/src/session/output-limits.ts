import { DeviceCommError } from './device-comm-error.js';

/** Bounds on what one command may produce, so a device that never stops cannot exhaust memory or time. */
export interface OutputLimits {
  /** Bytes one command (or the login banner) may send. */
  maxOutputBytes: number;
  /** Pager prompts one command may raise; a pager that never ends trips this first when its pages are small. */
  maxPagerAnswers: number;
}

// 64 MiB is three times the largest configs seen in the field; 100,000 pages of 24 lines hold far more than that.
export const DEFAULT_OUTPUT_LIMITS: OutputLimits = { maxOutputBytes: 64 * 1024 * 1024, maxPagerAnswers: 100_000 };

export function outputLimits(limits: Partial<OutputLimits> | undefined): OutputLimits {
  return { ...DEFAULT_OUTPUT_LIMITS, ...limits };
}

/** Too much output is `config`: the answer cannot be stored, and asking again would not change it. */
export function outputTooLarge(address: string, what: string, limit: number): DeviceCommError {
  return new DeviceCommError('config', `${address} sent more than ${limit} bytes for ${what}; giving up (output that never ends?)`);
}

export function tooManyPages(address: string, what: string, limit: number): DeviceCommError {
  return new DeviceCommError('config', `${address} raised more than ${limit} pager prompts for ${what}; giving up (a pager that never ends?)`);
}
