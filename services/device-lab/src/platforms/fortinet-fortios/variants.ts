import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { fortiGateIdentityFor, HA_PRIMARY_7_6 } from './identity.js';
import { fortiGateBox, fortinetFortiOs } from './index.js';

const DISCLAIMER = [
  '',
  'WARNING: This system is for the use of authorized users only. Activity on it is monitored and',
  'recorded; anyone using it consents to such monitoring.',
  '',
  '',
].join('\n');

/**
 * The primary of an HA pair on FortiOS 7.6.7, which puts the HA role in the prompt (`FW1(Primary) # `,
 * Oxidized issue 3846), with `set post-login-banner enable`: the disclaimer waits for `a` (Oxidized PR 2996).
 */
const haPrimary: PlatformProfile = {
  ...fortinetFortiOs,
  variant: '7.6-ha',
  prompts: { user: '{hostname}(Primary) # ', privileged: '{hostname}(Primary) # ', config: '{hostname}(Primary) (console) # ' },
  loginBanner: () => DISCLAIMER,
  loginGate: "(Press 'a' to accept):",
  loginGateKey: 'a',
  createBox: (index, now) => fortiGateBox(fortiGateIdentityFor(index, now, HA_PRIMARY_7_6)),
};

export const fortinetFortiOsVariants: readonly PlatformProfile[] = [haPrimary];
