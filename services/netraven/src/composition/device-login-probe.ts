import type { LoginProbe } from '@netraven/application';
import { isDeviceCommError, tryLogin } from '@netraven/device-comm';

/** `testCredential`'s port on device-comm's session opening: the same login a backup does, nothing run. */
export function deviceLoginProbe(timeouts: { connectTimeoutMs: number; commandTimeoutMs: number }): LoginProbe {
  return {
    async tryLogin(target) {
      try {
        await tryLogin(
          {
            host: target.host, port: target.port, platform: target.platform, protocol: target.protocol,
            username: target.username, password: target.password,
            ...(target.enablePassword ? { enablePassword: target.enablePassword } : {}),
          },
          { ...timeouts, hostVerifier: (fingerprint) => target.pinnedHostKey === null || target.pinnedHostKey === fingerprint },
        );
        return { ok: true };
      } catch (error) {
        if (!isDeviceCommError(error)) throw error;
        return { ok: false, category: error.category, message: error.message };
      }
    },
  };
}
