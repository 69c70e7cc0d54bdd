import type { BackupPolicyRow, EffectiveBackupPolicy } from '@netraven/projections';
import { builder } from './builder.js';
import { DeviceType } from './devices.js';

export const BackupPolicyType = builder.objectRef<BackupPolicyRow>('BackupPolicy').implement({
  description: 'Extra volatile-line and secret patterns (and a staleness threshold) for the devices of a tag, or one device, on top of the platform\'s own.',
  fields: (t) => ({
    tag: t.string({ nullable: true, resolve: (p) => (p.scope_kind === 'tag' ? p.scope_value : null) }),
    deviceId: t.id({ nullable: true, resolve: (p) => (p.scope_kind === 'device' ? p.scope_value : null) }),
    volatile: t.stringList({ description: 'Lines matching one of these are dropped before the config is stored and compared.', resolve: (p) => p.volatile }),
    secrets: t.stringList({ description: 'Matches are masked as <removed>: each capture group when the pattern has groups, else the whole match.', resolve: (p) => p.secrets }),
    staleAfterHours: t.int({ nullable: true, description: 'A device in scope without a successful backup for longer is stale; null: 26 h.', resolve: (p) => p.stale_after_hours }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updated_at }),
    updatedBy: t.string({ resolve: (p) => p.updated_by }),
  }),
});

const EffectiveBackupPolicyType = builder.objectRef<EffectiveBackupPolicy>('EffectiveBackupPolicy').implement({
  description: 'What the next backup of a device applies: its tags\' policies and its own, patterns added up.',
  fields: (t) => ({
    volatile: t.stringList({ resolve: (p) => [...p.volatile] }),
    secrets: t.stringList({ resolve: (p) => [...p.secrets] }),
    staleAfterHours: t.int({ resolve: (p) => p.staleAfterHours }),
    policies: t.field({ type: [BackupPolicyType], resolve: (p) => [...p.sources] }),
  }),
});

const SetBackupPolicyInput = builder.inputType('SetBackupPolicyInput', {
  description: 'Exactly one of tag and deviceId. Empty lists and no staleAfterHours remove the policy.',
  fields: (t) => ({
    tag: t.string({ required: false }),
    deviceId: t.id({ required: false }),
    volatile: t.stringList({ required: false, description: 'JavaScript regexes matched against each config line (at most 50, 200 characters each).' }),
    secrets: t.stringList({ required: false, description: 'JavaScript regexes matched against the config (multi-line mode).' }),
    staleAfterHours: t.int({ required: false, description: '1 to 8784 hours.' }),
  }),
});

const BackupPolicyScopeInput = builder.inputType('BackupPolicyScopeInput', {
  description: 'Exactly one of tag and deviceId.',
  fields: (t) => ({ tag: t.string({ required: false }), deviceId: t.id({ required: false }) }),
});

builder.objectFields(DeviceType, (t) => ({
  stale: t.boolean({
    description: 'No successful backup for longer than the device\'s threshold (its policy, else the strictest of its tags\', else 26 h).',
    resolve: async (d, _a, ctx) => (await ctx.backupPolicies.staleness(ctx.actor, d))?.stale ?? false,
  }),
  staleSince: t.field({ type: 'DateTime', nullable: true, resolve: async (d, _a, ctx) => (await ctx.backupPolicies.staleness(ctx.actor, d))?.stale_since ?? null }),
  lastSuccessfulBackupAt: t.field({ type: 'DateTime', nullable: true, resolve: async (d, _a, ctx) => (await ctx.backupPolicies.staleness(ctx.actor, d))?.last_success_at ?? null }),
  backupPolicy: t.field({ type: EffectiveBackupPolicyType, resolve: (d, _a, ctx) => ctx.backupPolicies.effectivePolicy(ctx.actor, d) }),
}));

builder.queryFields((t) => ({
  backupPolicies: t.field({ type: [BackupPolicyType], resolve: (_r, _a, ctx) => ctx.backupPolicies.backupPolicies(ctx.actor) }),
  staleDevices: t.field({
    type: [DeviceType],
    description: 'The active devices marked stale, as the staleness check last found them.',
    resolve: (_r, _a, ctx) => ctx.backupPolicies.staleDevices(ctx.actor),
  }),
}));

builder.mutationFields((t) => ({
  setBackupPolicy: t.field({
    type: BackupPolicyType,
    nullable: true,
    description: 'Sets the policy of a tag or a device, effective from the next backup; null when the input removed it.',
    args: { input: t.arg({ type: SetBackupPolicyInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.backupPolicies.setBackupPolicy(ctx.actor, input),
  }),
  removeBackupPolicy: t.boolean({
    description: 'True when there was a policy to remove.',
    args: { input: t.arg({ type: BackupPolicyScopeInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.backupPolicies.removeBackupPolicy(ctx.actor, input),
  }),
}));
