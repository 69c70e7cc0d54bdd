import * as assert from 'uvu/assert';
import type { Platform } from '../src/platforms/index.js';
import { PromptDetector } from '../src/session/prompt-detector.js';

/** The platform takes `line` for a prompt and pins `hostname` from it. */
export function recognises(platform: Platform, line: string, hostname: string | undefined): void {
  const detector = new PromptDetector(platform.prompt);
  assert.is(detector.match(line), line.trimEnd(), `${platform.id} should take ${JSON.stringify(line)} for a prompt`);
  detector.learn(line);
  assert.is(detector.pinnedHostname, hostname);
}

/** The platform does not take `line` (device output, pagers, banners) for a prompt. */
export function ignores(platform: Platform, line: string): void {
  assert.is(new PromptDetector(platform.prompt).match(line), undefined, `${platform.id} took ${JSON.stringify(line)} for a prompt`);
}
