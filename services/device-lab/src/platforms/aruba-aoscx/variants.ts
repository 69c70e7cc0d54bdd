import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { aosCxIdentityFor, RENAMED_MODELS } from './identity.js';
import { aosCxBox, arubaAosCx } from './index.js';

/**
 * AOS-CX 10.15 and 10.16, where the software was renamed: `!Version AOS-CX HL.10.15.1020` heads the config
 * and `show system` says `AOS-CX Version` (Oxidized spec/model/data/aoscx#8325H_HL.10.15.1020#output.txt).
 */
const renamedRelease: PlatformProfile = {
  ...arubaAosCx,
  variant: '10.16',
  createBox: (index, now) => aosCxBox(aosCxIdentityFor(index, now, RENAMED_MODELS)),
};

export const arubaAosCxVariants: readonly PlatformProfile[] = [renamedRelease];
