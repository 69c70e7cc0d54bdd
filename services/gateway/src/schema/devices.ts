import { deviceConfigPath } from '@netraven/infra/git';
import type { DeviceRow, SnapshotRow } from '@netraven/projections';
import { circuitStateOf, DEVICE_PROTOCOLS, type DeviceProtocol } from '@netraven/domain';
import { idArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { CredentialType } from './credentials.js';

const DeviceProtocolEnum = builder.enumType('DeviceProtocol', { values: DEVICE_PROTOCOLS });

export const SnapshotType = builder.objectRef<SnapshotRow & { platform: string }>('Snapshot').implement({
  description: 'One successful backup of a device: the Git commit that holds its configuration.',
  fields: (t) => ({
    jobId: t.exposeID('job_id'),
    deviceId: t.exposeID('device_id'),
    commit: t.exposeString('commit'),
    changed: t.exposeBoolean('changed', { description: 'True when this backup changed the stored configuration.' }),
    sha256: t.exposeString('sha256'),
    size: t.exposeInt('size'),
    hostname: t.exposeString('hostname', { nullable: true }),
    recordedAt: t.field({ type: 'DateTime', resolve: (s) => s.recorded_at }),
    config: t.string({
      nullable: true,
      description: 'The configuration as stored in Git at this snapshot’s commit.',
      resolve: (s, _args, ctx) => ctx.git.readConfig(s.commit, deviceConfigPath(s.device_id)),
    }),
  }),
});

const CircuitType = builder.objectRef<{ open: boolean; retryAfter: Date | null; consecutiveTransientFailures: number }>('Circuit').implement({
  description: 'The per-device circuit breaker: open after repeated transient failures, the device is skipped until retryAfter.',
  fields: (t) => ({
    open: t.exposeBoolean('open'),
    retryAfter: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.retryAfter }),
    consecutiveTransientFailures: t.exposeInt('consecutiveTransientFailures'),
  }),
});

export const DeviceType = builder.objectRef<DeviceRow>('Device').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    host: t.exposeString('host'),
    port: t.exposeInt('port'),
    platform: t.exposeString('platform'),
    protocol: t.field({ type: DeviceProtocolEnum, resolve: (d) => d.protocol as DeviceProtocol }),
    credentialId: t.exposeID('credential_id'),
    credential: t.field({ type: CredentialType, nullable: true, resolve: (d, _a, ctx) => ctx.loaders.credential.load(d.credential_id) }),
    tags: t.exposeStringList('tags'),
    status: t.exposeString('status'),
    hostname: t.exposeString('hostname', { nullable: true }),
    model: t.exposeString('model', { nullable: true }),
    serial: t.exposeString('serial', { nullable: true }),
    osVersion: t.exposeString('os_version', { nullable: true }),
    lastJobId: t.exposeID('last_job_id', { nullable: true }),
    lastBackupStatus: t.exposeString('last_backup_status', { nullable: true }),
    lastBackupAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.last_backup_at }),
    lastErrorCategory: t.exposeString('last_error_category', { nullable: true }),
    hostKeyFingerprint: t.exposeString('host_key_fingerprint', { nullable: true, description: 'SSH host key pinned on first use.' }),
    circuit: t.field({
      type: CircuitType,
      resolve: (d, _a, ctx) => {
        const state = circuitStateOf(
          { consecutiveTransientFailures: d.consecutive_transient_failures, lastTransientFailureAt: d.last_transient_failure_at },
          new Date(),
          ctx.circuitBreaker,
        );
        return { open: state.open, retryAfter: state.open ? state.retryAfter : null, consecutiveTransientFailures: d.consecutive_transient_failures };
      },
    }),
    config: t.string({
      nullable: true,
      description: 'The latest stored configuration (from Git).',
      resolve: async (d, _args, ctx) => (await ctx.git.headConfig(deviceConfigPath(d.id)))?.content ?? null,
    }),
  }),
});

const RegisterDeviceInput = builder.inputType('RegisterDeviceInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    host: t.string({ required: true }),
    port: t.int({ required: false, defaultValue: 22 }),
    platform: t.string({ required: true }),
    protocol: t.field({ type: DeviceProtocolEnum, required: false, defaultValue: 'ssh' }),
    credentialId: t.id({ required: true }),
    tags: t.stringList({ required: false }),
  }),
});

const UpdateDeviceInput = builder.inputType('UpdateDeviceInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    host: t.string({ required: false }),
    port: t.int({ required: false }),
    platform: t.string({ required: false }),
    protocol: t.field({ type: DeviceProtocolEnum, required: false }),
    credentialId: t.id({ required: false }),
  }),
});

builder.queryFields((t) => ({
  device: t.field({
    type: DeviceType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => ctx.queries.device(ctx.actor, idArgument(args.id, 'id')),
  }),
}));

builder.mutationFields((t) => ({
  registerDevice: t.field({
    type: DeviceType,
    args: { input: t.arg({ type: RegisterDeviceInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.commands.registerDevice(ctx.actor, {
        ...input, port: input.port ?? 22, protocol: input.protocol ?? 'ssh', credentialId: String(input.credentialId),
      }),
  }),
  updateDevice: t.field({
    type: DeviceType,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateDeviceInput, required: true }) },
    resolve: (_r, { id, input }, ctx) =>
      ctx.commands.updateDevice(ctx.actor, String(id), {
        ...(input.name != null ? { name: input.name } : {}),
        ...(input.host != null ? { host: input.host } : {}),
        ...(input.port != null ? { port: input.port } : {}),
        ...(input.platform != null ? { platform: input.platform } : {}),
        ...(input.protocol != null ? { protocol: input.protocol } : {}),
        ...(input.credentialId != null ? { credentialId: String(input.credentialId) } : {}),
      }),
  }),
  tagDevice: t.field({
    type: DeviceType,
    args: { id: t.arg.id({ required: true }), tags: t.arg.stringList({ required: true }) },
    resolve: (_r, { id, tags }, ctx) => ctx.commands.tagDevice(ctx.actor, String(id), tags),
  }),
  untagDevice: t.field({
    type: DeviceType,
    args: { id: t.arg.id({ required: true }), tags: t.arg.stringList({ required: true }) },
    resolve: (_r, { id, tags }, ctx) => ctx.commands.untagDevice(ctx.actor, String(id), tags),
  }),
  resetHostKey: t.field({
    type: DeviceType,
    description: 'Accept that a device’s SSH host key changed: the next backup pins the key it presents.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => ctx.commands.resetHostKey(ctx.actor, String(id)),
  }),
  decommissionDevice: t.field({
    type: DeviceType,
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: false }) },
    resolve: (_r, { id, reason }, ctx) => ctx.commands.decommissionDevice(ctx.actor, String(id), reason ?? ''),
  }),
}));
