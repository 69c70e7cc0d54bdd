import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { huaweiVrp } from './index.js';

/** `2018-03-14 19:42:14.040 +00:00`: the line `timestamp enable` prints above each display output. */
const displayTimestamp = (now: Date): string => `${now.toISOString().slice(0, 23).replace('T', ' ')} +00:00`;

/**
 * The active member of a firewall pair in hot standby: the HRP role heads every prompt (`HRP_M<FW1>`,
 * `HRP_M[FW1]`; netmiko PR 440), and the time is printed above each display output (Oxidized issue 1218).
 */
const hrpMaster: PlatformProfile = {
  ...huaweiVrp,
  variant: 'usg-hrp',
  prompts: { user: 'HRP_M<{hostname}>', privileged: 'HRP_M<{hostname}>', config: 'HRP_M[{hostname}]' },
  outputTimestamp: displayTimestamp,
};

export const huaweiVrpVariants: readonly PlatformProfile[] = [hrpMaster];
