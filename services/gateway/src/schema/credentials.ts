import type { CredentialRow } from '@netraven/projections';
import { builder } from './builder.js';

export const CredentialType = builder.objectRef<CredentialRow>('Credential').implement({
  description: 'A login for devices. The password lives encrypted in the vault and is never returned.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    username: t.exposeString('username'),
    fingerprint: t.exposeString('fingerprint', { description: 'Changes when the secret changes; reveals nothing.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.created_at }),
  }),
});

const CreateCredentialInput = builder.inputType('CreateCredentialInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    username: t.string({ required: true }),
    password: t.string({ required: true }),
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
