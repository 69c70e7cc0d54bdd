import type { CredentialRow } from '@netraven/projections';
import type { CredentialTestResult } from '@netraven/application';
import { idArgument } from './argument-rules.js';
import { builder } from './builder.js';

export const CredentialType = builder.objectRef<CredentialRow>('Credential').implement({
  description: 'A login for devices. The password lives encrypted in the vault and is never returned.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    username: t.exposeString('username'),
    fingerprint: t.exposeString('fingerprint', { description: 'Changes when the secret changes; reveals nothing.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.created_at }),
    tags: t.exposeStringList('tags', { description: 'Devices with one of these tags fall back to this credential when their own is refused.' }),
    priority: t.exposeInt('priority', { description: 'Order among tag credentials: lower is tried first.' }),
    successCount: t.exposeInt('success_count', { description: 'Logins devices accepted (backups and tests).' }),
    failureCount: t.exposeInt('failure_count', { description: 'Logins devices refused (auth).' }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.last_used_at }),
  }),
});

const CredentialTestResultType = builder.objectRef<CredentialTestResult>('CredentialTestResult').implement({
  description: 'What a test login answered: ok, or the failure category and message (never the secret).',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    category: t.exposeString('category', { nullable: true }),
    message: t.exposeString('message'),
    durationMs: t.exposeInt('durationMs'),
  }),
});

const CreateCredentialInput = builder.inputType('CreateCredentialInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    username: t.string({ required: true }),
    password: t.string({ required: true }),
    enablePassword: t.string({ required: false }),
    tags: t.stringList({ required: false }),
    priority: t.int({ required: false }),
  }),
});

const UpdateCredentialInput = builder.inputType('UpdateCredentialInput', {
  description: 'Only what is given changes. The secret is write-only: a new password replaces it.',
  fields: (t) => ({
    tags: t.stringList({ required: false }),
    priority: t.int({ required: false }),
    password: t.string({ required: false }),
    enablePassword: t.string({ required: false }),
  }),
});

builder.queryField('credentials', (t) =>
  t.field({ type: [CredentialType], resolve: (_root, _args, ctx) => ctx.queries.credentials(ctx.actor) }),
);

builder.mutationField('createCredential', (t) =>
  t.field({
    type: CredentialType,
    args: { input: t.arg({ type: CreateCredentialInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.commands.createCredential(ctx.actor, input),
  }),
);

builder.mutationField('updateCredential', (t) =>
  t.field({
    type: CredentialType,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateCredentialInput, required: true }) },
    resolve: (_root, { id, input }, ctx) => ctx.credentials.updateCredential(ctx.actor, idArgument(id, 'id'), input),
  }),
);

builder.mutationField('testCredential', (t) =>
  t.field({
    type: CredentialTestResultType,
    description: 'Logs in to the device with the credential, as a backup would, and says what happened.',
    args: { credentialId: t.arg.id({ required: true }), deviceId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.credentials.testCredential(ctx.actor, idArgument(args.credentialId, 'credentialId'), idArgument(args.deviceId, 'deviceId')),
  }),
);
