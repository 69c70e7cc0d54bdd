import type { PlatformProfile } from './platform-profile.js';

/** The user a login name stands for, and the console option letters it carries (RouterOS: `admin+ct`). */
export function splitLoginName(profile: Pick<PlatformProfile, 'loginNameOptions'>, name: string): { username: string; options: string } {
  const plus = name.indexOf('+');
  if (profile.loginNameOptions === undefined || plus < 0) return { username: name, options: '' };
  return { username: name.slice(0, plus), options: name.slice(plus + 1) };
}
