import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { credentialFallbackOrder, loginVerdictOf, MAX_CREDENTIALS_PER_BACKUP, type FallbackCandidate } from '../src/credential/index.js';

const own: FallbackCandidate = { id: 'own', name: 'site admin', tags: [], priority: 100 };
const coreLow: FallbackCandidate = { id: 'core-1', name: 'core break-glass', tags: ['core'], priority: 1 };
const coreHigh: FallbackCandidate = { id: 'core-50', name: 'core legacy', tags: ['core'], priority: 50 };
const edge: FallbackCandidate = { id: 'edge', name: 'edge', tags: ['edge'], priority: 0 };
const live = [coreHigh, edge, own, coreLow];
const device = { credentialId: 'own', confirmedCredentialId: null, tags: ['core', 'lab'] };

test('a device tries its own credential first, then those sharing a tag with it, lower priority first', () => {
  assert.equal(credentialFallbackOrder(device, live), ['own', 'core-1', 'core-50']);
});

test('the credential that last worked is tried first', () => {
  assert.equal(credentialFallbackOrder({ ...device, confirmedCredentialId: 'core-50' }, live), ['core-50', 'own', 'core-1']);
});

test('a remembered credential no longer tagged for the device, or deleted, is not tried', () => {
  assert.equal(credentialFallbackOrder({ ...device, confirmedCredentialId: 'edge' }, live), ['own', 'core-1', 'core-50']);
  assert.equal(credentialFallbackOrder({ ...device, confirmedCredentialId: 'gone' }, live), ['own', 'core-1', 'core-50']);
});

test('a deleted own credential is skipped; the tag credentials still serve the device', () => {
  assert.equal(credentialFallbackOrder({ ...device, credentialId: 'deleted' }, live), ['core-1', 'core-50']);
});

test('equal priorities go by name; the list is bounded', () => {
  const many = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, name: `n${String(19 - i).padStart(2, '0')}`, tags: ['core'], priority: 7 }));
  const order = credentialFallbackOrder(device, [own, ...many]);
  assert.is(order.length, MAX_CREDENTIALS_PER_BACKUP);
  assert.equal(order.slice(0, 3), ['own', 'c19', 'c18']);
});

test('what a login says about the credential', () => {
  assert.is(loginVerdictOf(null), 'accepted');
  assert.is(loginVerdictOf('auth'), 'refused');
  assert.is(loginVerdictOf('command'), 'accepted');
  assert.is(loginVerdictOf('timeout'), 'undecided');
  assert.is(loginVerdictOf('hostkey'), 'undecided');
});

test.run();
