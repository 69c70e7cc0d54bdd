import { IllegalStateError } from '../shared/errors.js';
import type { DeviceEvent, DeviceProperties } from './events.js';

export interface KnownDevice {
  readonly deviceId: string;
  readonly properties: DeviceProperties;
  /** Canonical form: trimmed, unique, sorted. */
  readonly tags: readonly string[];
  /** Pinned SSH host key (`SHA256:...`), or null until the first successful login. */
  readonly hostKeyFingerprint: string | null;
  /** The credential the last successful login used, or null: tried first by the next backup. */
  readonly confirmedCredentialId: string | null;
}

export type DeviceState =
  | { readonly status: 'Unregistered' }
  | ({ readonly status: 'Active' } & KnownDevice)
  | ({ readonly status: 'Decommissioned' } & KnownDevice);

export type ActiveDevice = Extract<DeviceState, { status: 'Active' }>;

export const initialState = (): DeviceState => ({ status: 'Unregistered' });

export const evolve = (state: DeviceState, event: DeviceEvent): DeviceState => {
  switch (event.type) {
    case 'DeviceRegistered': {
      const { deviceId, name, host, port, platform, credentialId, protocol, tags } = event.data;
      return { status: 'Active', deviceId, properties: { name, host, port, platform, credentialId, protocol }, tags, hostKeyFingerprint: null, confirmedCredentialId: null };
    }
    case 'DeviceUpdated':
      if (state.status !== 'Active') return state;
      return {
        ...state,
        properties: { ...state.properties, ...event.data.changes },
        // An operator who names a new credential wants it used: what worked before is forgotten.
        ...(event.data.changes.credentialId !== undefined ? { confirmedCredentialId: null } : {}),
      };
    case 'DeviceTagged':
      if (state.status !== 'Active') return state;
      return { ...state, tags: [...new Set([...state.tags, ...event.data.tags])].sort() };
    case 'DeviceUntagged': {
      if (state.status !== 'Active') return state;
      const removed = new Set(event.data.tags);
      return { ...state, tags: state.tags.filter((tag) => !removed.has(tag)) };
    }
    case 'DeviceDecommissioned':
      if (state.status !== 'Active') return state;
      return { ...state, status: 'Decommissioned' };
    case 'DeviceHostKeyPinned':
      if (state.status === 'Unregistered') return state;
      return { ...state, hostKeyFingerprint: event.data.fingerprint };
    case 'DeviceHostKeyReset':
      if (state.status === 'Unregistered') return state;
      return { ...state, hostKeyFingerprint: null };
    case 'DeviceCredentialConfirmed':
      if (state.status === 'Unregistered') return state;
      return { ...state, confirmedCredentialId: event.data.credentialId };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

export const requireActive = (state: DeviceState): ActiveDevice => {
  if (state.status === 'Unregistered') throw new IllegalStateError('Device is not registered');
  if (state.status === 'Decommissioned') throw new IllegalStateError('Device is decommissioned');
  return state;
};
