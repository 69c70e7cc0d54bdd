import type { CliSession } from '../cli-session.js';
import { DeviceCommError } from '../device-comm-error.js';

const USERNAME = /^(?:user ?name|login)\s*:\s*$/i;
const PASSWORD = /^password\s*:\s*$/i;

/**
 * Logs in the way a Telnet vty asks: `Username:` (or `login:`) then `Password:`, or only `Password:`
 * (a line password), or nothing (no login on the line). Being asked again, or the device hanging up
 * right after the password, is `auth`. On success the prompt is on the session's screen, untouched.
 */
export async function telnetLogin(session: CliSession, username: string, password: string): Promise<void> {
  const refused = (): DeviceCommError => new DeviceCommError('auth', `${session.address} rejected the credentials of user "${username}"`);
  const asked = await session.waitForPromptOr([USERNAME, PASSWORD]);
  if (asked.kind === 'prompt') return;
  if (asked.index === 0) {
    const next = await session.sendLine(username, [PASSWORD, USERNAME]);
    if (next.kind === 'prompt') return;
    if (next.index === 1) throw refused();
  }
  session.send(password, { secret: true });
  try {
    const after = await session.waitForPromptOr([USERNAME, PASSWORD]);
    if (after.kind === 'expected') throw refused();
  } catch (error) {
    if (error instanceof DeviceCommError && error.category === 'protocol') throw new DeviceCommError('auth', `${refused().message} (it hung up after the password)`, { cause: error });
    throw error;
  }
}
