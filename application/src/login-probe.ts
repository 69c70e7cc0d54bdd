import type { DeviceProtocol, FailureCategory } from '@netraven/domain';

/** What a test login needs: the device's address and platform, the secret, and the host key it must show. */
export interface LoginProbeTarget {
  readonly host: string;
  readonly port: number;
  readonly platform: string;
  readonly protocol: DeviceProtocol;
  readonly username: string;
  readonly password: string;
  readonly enablePassword?: string;
  /** The device's pinned SSH host key; null accepts any (a test never pins one). */
  readonly pinnedHostKey: string | null;
}

export type LoginProbeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly category: FailureCategory; readonly message: string };

/**
 * The port through which `testCredential` logs in to a device; device-comm's session opening implements
 * it, wired in by the composition root, so the use case (and the gateway) never depends on device-comm.
 * Failures a device causes are results; a throw means NetRaven itself failed.
 */
export interface LoginProbe {
  tryLogin(target: LoginProbeTarget): Promise<LoginProbeResult>;
}
