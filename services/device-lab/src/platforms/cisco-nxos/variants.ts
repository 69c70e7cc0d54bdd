import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { ciscoNxos } from './index.js';

/**
 * A box whose config names it with `switchname` rather than `hostname`, as Nexus 5000/7000 and MDS
 * switches print it; the prompt and `show version` carry the same name.
 */
const switchname: PlatformProfile = {
  ...ciscoNxos,
  variant: 'switchname',
  createBox: (index, now) => {
    const box = ciscoNxos.createBox(index, now);
    return { ...box, defaultConfig: (input) => box.defaultConfig(input).replace(/^hostname /m, 'switchname ') };
  },
};

export const ciscoNxosVariants: readonly PlatformProfile[] = [switchname];
