import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { PROCURVE_2510G, proCurveIdentityFor } from './identity.js';
import { hpProCurve, proCurveBox } from './index.js';

/** A ProCurve 2510G on Y.11: `show modules` does not exist there (`Invalid input: modules`). */
const procurve2510G: PlatformProfile = {
  ...hpProCurve,
  variant: '2510G',
  commands: hpProCurve.commands.filter((spec) => spec.words.join(' ') !== 'show modules'),
  createBox: (index, now) => proCurveBox(proCurveIdentityFor(index, now, PROCURVE_2510G)),
};

export const hpProCurveVariants: readonly PlatformProfile[] = [procurve2510G];
