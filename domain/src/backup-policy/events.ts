import type { DomainEvent } from '../shared/decider.js';

/** A policy applies to every device carrying a tag, or to one device. */
export type BackupPolicyScope = { readonly kind: 'tag'; readonly tag: string } | { readonly kind: 'device'; readonly deviceId: string };

/** What a user adds to the platform's own rules for the devices in scope. */
export interface BackupPolicyRules {
  /** Lines matching one of these are dropped before the config is stored, like the platform's volatile lines. */
  readonly volatile: readonly string[];
  /** Matches are masked (`<removed>`): each capture group's text when the pattern has groups, else the whole match. */
  readonly secrets: readonly string[];
  /** A device in scope whose last successful backup is older than this is stale; null: the default (26 h). */
  readonly staleAfterHours: number | null;
}

export type BackupPolicySet = DomainEvent<'BackupPolicySet', { scope: BackupPolicyScope; setAt: string } & BackupPolicyRules>;
export type BackupPolicyRemoved = DomainEvent<'BackupPolicyRemoved', { scope: BackupPolicyScope; removedAt: string }>;

export type BackupPolicyEvent = BackupPolicySet | BackupPolicyRemoved;

export const BACKUP_POLICY_EVENT_TYPES: readonly BackupPolicyEvent['type'][] = ['BackupPolicySet', 'BackupPolicyRemoved'];

/** The aggregate id of a scope (`tag:core`, `device:<id>`); the stream is `backuppolicy-<id>`. */
export const backupPolicyId = (scope: BackupPolicyScope): string => (scope.kind === 'tag' ? `tag:${scope.tag}` : `device:${scope.deviceId}`);
