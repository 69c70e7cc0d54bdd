import type { Command, Decider, DomainEvent } from '../shared/decider.js';
import { ValidationError } from '../shared/errors.js';
import { DEFAULT_STALE_AFTER_HOURS } from '../backup-policy/validate.js';

const HOUR_MS = 3_600_000;

/** A device turned stale: no successful backup for longer than its threshold. Webhooks notify on it. */
export type DeviceBecameStale = DomainEvent<'DeviceBecameStale', { deviceId: string; lastSuccessAt: string | null; staleAfterHours: number; detectedAt: string }>;
/** A stale device was backed up again (or its threshold grew past its age). */
export type DeviceBecameFresh = DomainEvent<'DeviceBecameFresh', { deviceId: string; lastSuccessAt: string | null; detectedAt: string }>;
export type StalenessEvent = DeviceBecameStale | DeviceBecameFresh;
export const STALENESS_EVENT_TYPES: readonly StalenessEvent['type'][] = ['DeviceBecameStale', 'DeviceBecameFresh'];

export type MarkDeviceStale = Command<'MarkDeviceStale', { deviceId: string; lastSuccessAt: string | null; staleAfterHours: number }>;
export type MarkDeviceFresh = Command<'MarkDeviceFresh', { deviceId: string; lastSuccessAt: string | null }>;
export type StalenessCommand = MarkDeviceStale | MarkDeviceFresh;

export interface StalenessState {
  readonly stale: boolean;
}

/**
 * The threshold that applies to a device: its own policy's, else the strictest of its tags', else
 * the default (26 h: a daily backup plus two hours of slack).
 */
export function staleAfterHoursFor(devicePolicyHours: number | null, tagPolicyHours: readonly (number | null)[]): number {
  if (devicePolicyHours !== null) return devicePolicyHours;
  const tagHours = tagPolicyHours.filter((h): h is number => h !== null);
  return tagHours.length > 0 ? Math.min(...tagHours) : DEFAULT_STALE_AFTER_HOURS;
}

/** Stale when the last successful backup (or, never backed up, the registration) is older than the threshold. */
export function isStale(input: { lastSuccessAt: Date | null; registeredAt: Date; staleAfterHours: number }, now: Date): boolean {
  const since = input.lastSuccessAt ?? input.registeredAt;
  return now.getTime() - since.getTime() > input.staleAfterHours * HOUR_MS;
}

/** One stream per device (`staleness-<deviceId>`), so two checkers report each turn once and no device stream is contended. */
export const stalenessDecider: Decider<StalenessCommand, StalenessEvent, StalenessState> = {
  initialState: () => ({ stale: false }),
  streamName: (deviceId) => `staleness-${deviceId}`,
  evolve: (_state, event) => ({ stale: event.type === 'DeviceBecameStale' }),
  decide: (command, state) => {
    const detectedAt = command.metadata.now.toISOString();
    switch (command.type) {
      case 'MarkDeviceStale':
        return state.stale ? [] : [{ type: 'DeviceBecameStale', data: { ...command.data, detectedAt } }];
      case 'MarkDeviceFresh':
        return state.stale ? [{ type: 'DeviceBecameFresh', data: { ...command.data, detectedAt } }] : [];
      default: {
        const _exhaustive: never = command;
        throw new ValidationError(`Unknown staleness command ${(command as { type: string }).type}`);
      }
    }
  },
};
