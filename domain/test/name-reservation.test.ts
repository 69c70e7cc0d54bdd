import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NameReservationCommand, NameReservationEvent } from '../src/name-reservation/index.js';
import {
  credentialNameDecider,
  deviceNameDecider,
  isReservationAbandoned,
  NameTakenError,
  normalizeName,
  RESERVATION_GRACE_MS,
} from '../src/name-reservation/index.js';
import { AT, EARLIER, given, metadata, NOW } from './decider-spec.js';

const reserve = (name: string, ownerId: string, takeOverFrom?: string): NameReservationCommand => ({
  type: 'ReserveName',
  data: { name, ownerId, ...(takeOverFrom ? { takeOverFrom } : {}) },
  metadata,
});
const release = (ownerId: string): NameReservationCommand => ({ type: 'ReleaseName', data: { ownerId }, metadata });
const reservedBy = (ownerId: string, name = 'Core-1'): NameReservationEvent => ({
  type: 'NameReserved',
  data: { kind: 'device', name, ownerId, reservedAt: EARLIER },
});
const releasedBy = (ownerId: string): NameReservationEvent => ({
  type: 'NameReleased',
  data: { kind: 'device', name: 'Core-1', ownerId, reason: 'released', releasedAt: EARLIER },
});

const Free = suite('Device name — when free');

Free('the first device to ask gets the name', () => {
  given(deviceNameDecider, []).when(reserve('Core-1', 'dev-a')).then([
    { type: 'NameReserved', data: { kind: 'device', name: 'Core-1', ownerId: 'dev-a', reservedAt: AT } },
  ]);
});

Free('a name is held to the device name rules', () => {
  given(deviceNameDecider, []).when(reserve('n'.repeat(256), 'dev-a')).thenRefusesField('name');
});

Free('releasing a free name changes nothing', () => {
  given(deviceNameDecider, []).when(release('dev-a')).thenNothingHappens();
});

const Reserved = suite('Device name — when reserved');

Reserved('another device asking for the name is refused, and told who holds it', () => {
  given(deviceNameDecider, [reservedBy('dev-a')]).when(reserve('core-1', 'dev-b')).thenThrows(NameTakenError, 'a device named "Core-1" already exists (id dev-a)');
});

Reserved('the holder asking again changes nothing (a retried registration)', () => {
  given(deviceNameDecider, [reservedBy('dev-a')]).when(reserve('Core-1', 'dev-a')).thenNothingHappens();
});

Reserved('only the holder can release the name', () => {
  given(deviceNameDecider, [reservedBy('dev-a')]).when(release('dev-b')).thenNothingHappens();
  given(deviceNameDecider, [reservedBy('dev-a')]).when(release('dev-a')).then([
    { type: 'NameReleased', data: { kind: 'device', name: 'Core-1', ownerId: 'dev-a', reason: 'released', releasedAt: AT } },
  ]);
});

Reserved('an abandoned reservation passes over to the new owner, only from the holder the caller found abandoned', () => {
  given(deviceNameDecider, [reservedBy('dev-a')]).when(reserve('core-1', 'dev-b', 'dev-a')).then([
    { type: 'NameReleased', data: { kind: 'device', name: 'Core-1', ownerId: 'dev-a', reason: 'abandoned', releasedAt: AT } },
    { type: 'NameReserved', data: { kind: 'device', name: 'core-1', ownerId: 'dev-b', reservedAt: AT } },
  ]);
  given(deviceNameDecider, [reservedBy('dev-c')]).when(reserve('core-1', 'dev-b', 'dev-a')).thenThrows(NameTakenError, 'dev-c');
});

const Released = suite('Device name — when released');

Released('a released name can be taken by another device', () => {
  given(deviceNameDecider, [reservedBy('dev-a'), releasedBy('dev-a')]).when(reserve('CORE-1', 'dev-b')).then([
    { type: 'NameReserved', data: { kind: 'device', name: 'CORE-1', ownerId: 'dev-b', reservedAt: AT } },
  ]);
});

const Rules = suite('Name uniqueness — rules');

Rules('names compare without case and surrounding blanks, in composed Unicode', () => {
  assert.is(normalizeName('  Core-1 '), normalizeName('core-1'));
  assert.is(normalizeName('Zu\u0308rich'), normalizeName('zürich'));
  assert.is.not(normalizeName('core-1'), normalizeName('core 1'));
});

Rules('device and credential names live in separate streams', () => {
  assert.is(deviceNameDecider.streamName('abc'), 'devicename-abc');
  assert.is(credentialNameDecider.streamName('abc'), 'credentialname-abc');
  given(credentialNameDecider, [{ type: 'NameReserved', data: { kind: 'credential', name: 'noc', ownerId: 'c1', reservedAt: EARLIER } }])
    .when(reserve('NOC', 'c2')).thenThrows(NameTakenError, 'a credential named "noc" already exists (id c1)');
});

Rules('a reservation whose holder carries the name is never abandoned', () => {
  assert.not.ok(isReservationAbandoned('2000-01-01T00:00:00.000Z', 'holds-name', NOW));
});

Rules('a reservation of a decommissioned or deleted holder is abandoned at once', () => {
  assert.ok(isReservationAbandoned(AT, 'retired', NOW));
});

Rules('a holder that does not carry the name keeps it for the grace period (it may still be on its way)', () => {
  const justNow = new Date(NOW.getTime() - 1_000).toISOString();
  const longAgo = new Date(NOW.getTime() - RESERVATION_GRACE_MS - 1).toISOString();
  assert.not.ok(isReservationAbandoned(justNow, 'not-holding', NOW));
  assert.ok(isReservationAbandoned(longAgo, 'not-holding', NOW));
});

Free.run();
Reserved.run();
Released.run();
Rules.run();
