import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circuitStateOf } from '../src/index.js';

const policy = { threshold: 3, cooldownMs: 60_000 };
const failedAt = new Date('2026-11-22T10:00:00Z');
const at = (seconds: number) => new Date(failedAt.getTime() + seconds * 1000);

test('stays closed below the threshold', () => {
  assert.equal(circuitStateOf({ consecutiveTransientFailures: 2, lastTransientFailureAt: failedAt }, at(1), policy), { open: false });
});

test('opens at the threshold until the cool-down after the last failure has passed', () => {
  const history = { consecutiveTransientFailures: 3, lastTransientFailureAt: failedAt };
  assert.equal(circuitStateOf(history, at(59), policy), { open: true, retryAfter: at(60) });
  assert.equal(circuitStateOf(history, at(60), policy), { open: false });
});

test('a device that never failed transiently is closed', () => {
  assert.equal(circuitStateOf({ consecutiveTransientFailures: 0, lastTransientFailureAt: null }, at(0), policy), { open: false });
});

test.run();
