import { DeviceCommError } from './device-comm-error.js';

/** What ssh2 and node:net attach to connection errors. */
export interface ConnectionErrorDetails {
  message: string;
  level?: string;
  code?: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

function detailsOf(error: unknown): ConnectionErrorDetails {
  if (!(error instanceof Error)) return { message: String(error) };
  const level = 'level' in error && typeof error.level === 'string' ? error.level : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { message: error.message, ...(level ? { level } : {}), ...(code ? { code } : {}) };
}

/**
 * Sorts an error raised while establishing a session (SSH, or the TCP connection under Telnet) into a
 * failure category. No algorithm in common is `config`: the device will not change its mind, a person
 * has to allow its old algorithms for this target.
 */
export function classifyConnectionError(error: unknown, address: string, username: string, protocol = 'SSH'): DeviceCommError {
  if (error instanceof DeviceCommError) return error;
  const details = detailsOf(error);
  const reason = details.code ? `${details.code}: ${details.message}` : details.message;
  if (details.level === 'client-authentication') {
    return new DeviceCommError('auth', `${address} rejected the credentials of user "${username}"`, { cause: error });
  }
  if (details.level === 'client-timeout' || details.code === 'ETIMEDOUT') {
    return new DeviceCommError('timeout', `${address} did not complete the ${protocol} handshake in time (${reason})`, { cause: error });
  }
  if (details.level === 'client-dns' || (details.code !== undefined && UNREACHABLE_CODES.has(details.code))) {
    return new DeviceCommError('unreachable', `${address} is unreachable (${reason})`, { cause: error });
  }
  if (details.level === 'handshake' && /no matching/i.test(details.message)) {
    return new DeviceCommError('config', `${address} offers no SSH algorithm NetRaven uses (${reason}); allow its algorithms for this target`, { cause: error });
  }
  return new DeviceCommError('protocol', `${protocol} with ${address} failed: ${reason}`, { cause: error });
}
