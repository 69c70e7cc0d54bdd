import type { EnableStep } from '../platforms/platform.js';
import type { CliSession } from '../session/cli-session.js';
import { DeviceCommError } from '../session/device-comm-error.js';

/** Takes the session to privileged mode when the platform has such a step and we are not there yet. */
export async function enterPrivilegedMode(
  session: CliSession,
  step: EnableStep | undefined,
  enablePassword: string | undefined,
): Promise<void> {
  if (step === undefined || step.privilegedPrompt.test(session.prompt)) return;
  const unprivileged = session.prompt;
  const asked = await session.sendLine(step.command, [step.passwordPrompt]);
  if (asked.kind === 'expected') {
    // Only a device that asks needs a password: Arista EOS grants enable without one by default.
    if (enablePassword === undefined) {
      throw new DeviceCommError('auth', `${session.address} left the session unprivileged (${unprivileged}) and no enable password is set`);
    }
    const answered = await session.sendLine(enablePassword, [step.passwordPrompt], { secret: true });
    if (answered.kind === 'expected') throw new DeviceCommError('auth', `${session.address} rejected the enable password`);
  }
  if (!step.privilegedPrompt.test(session.prompt)) {
    throw new DeviceCommError('auth', `${session.address} is still unprivileged after "${step.command}" (prompt ${session.prompt})`);
  }
}
