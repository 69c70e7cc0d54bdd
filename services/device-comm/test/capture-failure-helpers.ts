import type { DeviceLab } from '@netraven/device-lab';
import { captureDevice, type CaptureOptions, type CaptureTarget } from '../src/capture/index.js';
import { DeviceCommError } from '../src/session/index.js';

/** The capture target of a named lab device. */
export function labTarget(lab: DeviceLab, name: string): CaptureTarget {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return { ...found };
}

/** Runs a capture that must fail with a DeviceCommError; returns it with how long failing took. */
export async function captureFailure(target: CaptureTarget, options: CaptureOptions): Promise<{ error: DeviceCommError; elapsedMs: number }> {
  const started = performance.now();
  try {
    await captureDevice(target, options);
  } catch (error) {
    if (!(error instanceof DeviceCommError)) throw error;
    return { error, elapsedMs: performance.now() - started };
  }
  throw new Error('capture should have failed');
}
