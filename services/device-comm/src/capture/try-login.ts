import { DeviceCommError } from '../session/device-comm-error.js';
import { redactingLogger } from './capture-log.js';
import { resolvePlatform, type CaptureOptions, type CaptureTarget } from './capture-device.js';
import { loginName, openCommandChannel } from './open-channel.js';
import { redactWithCredentials } from './secret-redactor.js';

export interface LoginCheck {
  /** The SSH host key the device presented; empty over Telnet. */
  readonly hostKeyFingerprint: string;
}

/**
 * Logs in exactly as a backup does (same session opening, privilege escalation and prompt detection),
 * runs nothing, and logs out: what a "test this credential" button needs. Fails with the same
 * `DeviceCommError` categories as a capture, messages redacted.
 */
export async function tryLogin(target: CaptureTarget, options: CaptureOptions): Promise<LoginCheck> {
  const platform = resolvePlatform(target.platform);
  const redact = (text: string): string => redactWithCredentials(text, platform, [target.password, target.enablePassword]);
  const log = redactingLogger(options.onLog, redact);
  const address = `${target.host}:${target.port}`;
  try {
    log('info', `testing a login to ${address} over ${target.protocol ?? 'ssh'} as ${loginName(target.username, platform)} (${platform.id})`);
    const opened = await openCommandChannel(target, platform, options, log);
    try {
      await opened.channel.logout();
      return { hostKeyFingerprint: opened.hostKeyFingerprint };
    } finally {
      opened.hangUp();
    }
  } catch (error) {
    const failure = error instanceof DeviceCommError ? error : new DeviceCommError('protocol', `login to ${address} failed: ${String(error)}`, { cause: error });
    const message = redact(failure.message);
    throw message === failure.message ? failure : new DeviceCommError(failure.category, message, { cause: failure.cause });
  }
}
