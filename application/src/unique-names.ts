import { createHash } from 'node:crypto';
import {
  credentialDecider,
  credentialNameDecider,
  userDecider,
  userNameDecider,
  deviceDecider,
  deviceNameDecider,
  isReservationAbandoned,
  NameTakenError,
  normalizeName,
  type CredentialEvent,
  type DeviceEvent,
  type HolderStanding,
  type NamedKind,
  type NameReservationCommand,
  type UserEvent,
} from '@netraven/domain';
import { newCommandMetadata, type Clock, type CommandHandler, type EventStore } from '@netraven/infra/eventstore';

const RESERVATIONS = { device: deviceNameDecider, credential: credentialNameDecider, user: userNameDecider } as const;

/** The reservation stream's key: a digest of the normalized name, so any name makes a short, safe stream name. */
export const nameKey = (name: string): string => createHash('sha256').update(normalizeName(name)).digest('hex');

/**
 * Device names and credential names are unique among live ones, usernames among all users. Each normalized name has its own
 * reservation stream, appended to with the expected revision: of two concurrent registrations of
 * one name exactly one lands, whichever process they run in. A reservation left behind by a use
 * case that stopped half-way is taken over once the domain rule calls it abandoned.
 */
export class UniqueNames {
  constructor(
    private readonly deps: { readonly commands: CommandHandler; readonly store: EventStore; readonly clock: Clock },
  ) {}

  /** Takes `name` for `ownerId`, or throws `NameTakenError` (a CONFLICT naming the holder). */
  async reserve(kind: NamedKind, name: string, ownerId: string, actor: string): Promise<void> {
    try {
      await this.issue(kind, name, { type: 'ReserveName', data: { name, ownerId } }, actor);
    } catch (error) {
      if (!(error instanceof NameTakenError)) throw error;
      const standing = await this.standingOf(kind, error.ownerId, normalizeName(name));
      if (!isReservationAbandoned(error.reservedAt, standing, this.deps.clock())) throw error;
      await this.issue(kind, name, { type: 'ReserveName', data: { name, ownerId, takeOverFrom: error.ownerId } }, actor);
    }
  }

  /**
   * Many names at once (the bulk import): one read and one write for the lot. A name another owner
   * holds goes the single way (`reserve`), which takes over an abandoned reservation. Returns, per
   * name, undefined when reserved or the error that refused it.
   */
  async reserveMany(kind: NamedKind, claims: ReadonlyArray<{ name: string; ownerId: string }>, actor: string): Promise<Array<unknown>> {
    const outcomes = await this.deps.commands.handleAll(RESERVATIONS[kind], claims.map(({ name, ownerId }) => ({
      aggregateId: nameKey(name),
      command: { type: 'ReserveName', data: { name, ownerId }, metadata: newCommandMetadata({ actor, clock: this.deps.clock }) } as NameReservationCommand,
    })));
    return Promise.all(outcomes.map(async (outcome, index) => {
      if (outcome.ok) return undefined;
      if (!(outcome.error instanceof NameTakenError)) return outcome.error;
      const claim = claims[index]!;
      return this.reserve(kind, claim.name, claim.ownerId, actor).then(() => undefined, (error: unknown) => error);
    }));
  }

  /** Gives `name` back if `ownerId` holds it; anything else changes nothing. */
  async release(kind: NamedKind, name: string, ownerId: string, actor: string): Promise<void> {
    await this.issue(kind, name, { type: 'ReleaseName', data: { ownerId } }, actor);
  }

  /**
   * Runs `write` (the owner's own command) with `name` reserved for it; if the write is refused or
   * fails, the name is given back so a refused request leaves the name free.
   */
  async whileReserved<T>(kind: NamedKind, name: string, ownerId: string, actor: string, write: () => Promise<T>): Promise<T> {
    await this.reserve(kind, name, ownerId, actor);
    try {
      return await write();
    } catch (error) {
      await this.release(kind, name, ownerId, actor).catch(() => undefined);
      throw error;
    }
  }

  private async issue(kind: NamedKind, name: string, command: Omit<NameReservationCommand, 'metadata'>, actor: string): Promise<void> {
    const metadata = newCommandMetadata({ actor, clock: this.deps.clock });
    await this.deps.commands.handle(RESERVATIONS[kind], nameKey(name), { ...command, metadata } as NameReservationCommand);
  }

  /** Read from the holder's own stream (the read model may lag): does it carry the name, is it gone, or neither? */
  private async standingOf(kind: NamedKind, holderId: string, normalizedName: string): Promise<HolderStanding> {
    if (kind === 'device') {
      const events = await this.deps.store.readStream(deviceDecider.streamName(holderId));
      const state = events.map((e) => ({ type: e.type, data: e.data }) as DeviceEvent).reduce(deviceDecider.evolve, deviceDecider.initialState());
      if (state.status === 'Decommissioned') return 'retired';
      return state.status === 'Active' && normalizeName(state.properties.name) === normalizedName ? 'holds-name' : 'not-holding';
    }
    if (kind === 'user') {
      // A disabled user keeps its name: users are never retired.
      const events = await this.deps.store.readStream(userDecider.streamName(holderId));
      const state = events.map((e) => ({ type: e.type, data: e.data }) as UserEvent).reduce(userDecider.evolve, userDecider.initialState());
      return state.status !== 'Unknown' && normalizeName(state.username) === normalizedName ? 'holds-name' : 'not-holding';
    }
    const events = await this.deps.store.readStream(credentialDecider.streamName(holderId));
    const state = events.map((e) => ({ type: e.type, data: e.data }) as CredentialEvent).reduce(credentialDecider.evolve, credentialDecider.initialState());
    if (state.status === 'Deleted') return 'retired';
    return state.status === 'Active' && normalizeName(state.name) === normalizedName ? 'holds-name' : 'not-holding';
  }
}
