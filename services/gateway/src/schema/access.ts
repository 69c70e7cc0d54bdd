import { ROLES, type Role } from '@netraven/domain';
import type { ApiTokenView, Session } from '@netraven/application';
import type { UserRow } from '@netraven/projections';
import { idArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { CONNECTION_SIZES, inMemoryList, keysetConnection } from './connections.js';

const RoleEnum = builder.enumType('Role', { values: ROLES });
const ActorKindEnum = builder.enumType('ActorKind', { values: ['user', 'token', 'anonymous', 'system'] as const });

const UserType = builder.objectRef<UserRow>('User').implement({
  description: 'Someone who signs in. The password is never returned; its hash lives outside the event log.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    role: t.field({ type: RoleEnum, resolve: (u) => u.role as Role }),
    tags: t.stringList({ description: 'Tag scope: only devices with one of these tags; empty means all.', resolve: (u) => u.tags }),
    disabled: t.boolean({ resolve: (u) => u.status === 'disabled' }),
    passwordChangeRequired: t.exposeBoolean('password_change_required'),
    external: t.boolean({ description: 'Signs in through the identity provider (OIDC); has no NetRaven password.', resolve: (u) => u.external !== null }),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.created_at }),
  }),
});

const MeType = builder.objectRef<{ username: string; role: Role; tags: readonly string[]; kind: 'user' | 'token' | 'anonymous' | 'system'; passwordChangeRequired: boolean }>('Me').implement({
  description: 'Who the request runs as: a user, or an API token (its name as username).',
  fields: (t) => ({
    username: t.exposeString('username'),
    role: t.field({ type: RoleEnum, resolve: (m) => m.role }),
    tags: t.stringList({ resolve: (m) => [...m.tags] }),
    kind: t.field({ type: ActorKindEnum, resolve: (m) => m.kind }),
    passwordChangeRequired: t.exposeBoolean('passwordChangeRequired'),
  }),
});

const AuthPayloadType = builder.objectRef<Session>('AuthPayload').implement({
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', { description: 'JWT for `Authorization: Bearer …`, valid 15 minutes.' }),
    refreshToken: t.exposeString('refreshToken', { description: 'Single use: `refresh` returns the next one.' }),
    user: t.field({ type: UserType, resolve: (s) => s.user }),
  }),
});

const ApiTokenType = builder.objectRef<ApiTokenView>('ApiToken').implement({
  description: 'A token for scripts. The token itself is shown once, by createApiToken.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (a) => a.role as Role }),
    tags: t.stringList({ resolve: (a) => a.tags }),
    createdBy: t.exposeID('created_by'),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.created_at }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.revoked_at }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, description: 'To the minute.', resolve: (a) => a.last_used_at }),
  }),
});

const CreatedApiTokenType = builder.objectRef<{ token: string; apiToken: ApiTokenView }>('CreatedApiToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown this once; NetRaven keeps only a digest.' }),
    apiToken: t.field({ type: ApiTokenType, resolve: (c) => c.apiToken }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({ username: t.string({ required: true }), password: t.string({ required: true }) }),
});
const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    username: t.string({ required: true }),
    password: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    tags: t.stringList({ required: false }),
    requirePasswordChange: t.boolean({ required: false }),
  }),
});
const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: false }),
    tags: t.stringList({ required: false }),
    requirePasswordChange: t.boolean({ required: false }),
  }),
});
const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({ currentPassword: t.string({ required: true }), newPassword: t.string({ required: true }) }),
});
const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({ name: t.string({ required: true }), role: t.field({ type: RoleEnum, required: true }), tags: t.stringList({ required: false }) }),
});

builder.queryFields((t) => ({
  me: t.field({ type: MeType, resolve: (_r, _a, ctx) => ctx.access.users.me(ctx.actor) }),
  users: t.connection(
    {
      type: UserType,
      ...pageSized(CONNECTION_SIZES.users),
      description: 'Users by username, a page at a time.',
      resolve: (_r, args, ctx) =>
        keysetConnection(args, inMemoryList('users', CONNECTION_SIZES.users, (u: UserRow) => ({ key: u.username, id: u.id }), () => ctx.access.users.users(ctx.actor))),
    },
    builder.connectionObject({ type: UserType, name: 'UserConnection' }),
  ),
  apiTokens: t.field({ type: [ApiTokenType], resolve: (_r, _a, ctx) => ctx.access.apiTokens.list(ctx.actor) }),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: AuthPayloadType,
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.access.signIn.login(input, ctx.address),
  }),
  refresh: t.field({
    type: AuthPayloadType,
    args: { refreshToken: t.arg.string({ required: true }) },
    resolve: (_r, { refreshToken }, ctx) => ctx.access.signIn.refresh(refreshToken, ctx.address),
  }),
  logout: t.boolean({ resolve: (_r, _a, ctx) => ctx.access.signIn.logout(ctx.actor) }),
  changePassword: t.field({
    type: UserType,
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.access.users.changePassword(ctx.actor, input),
  }),
  createUser: t.field({
    type: UserType,
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.access.users.createUser(ctx.actor, input),
  }),
  updateUser: t.field({
    type: UserType,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_r, { id, input }, ctx) => ctx.access.users.updateUser(ctx.actor, idArgument(id, 'id'), input),
  }),
  disableUser: t.field({
    type: UserType,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => ctx.access.users.disableUser(ctx.actor, idArgument(id, 'id')),
  }),
  enableUser: t.field({
    type: UserType,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => ctx.access.users.enableUser(ctx.actor, idArgument(id, 'id')),
  }),
  createApiToken: t.field({
    type: CreatedApiTokenType,
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.access.apiTokens.create(ctx.actor, input),
  }),
  revokeApiToken: t.field({
    type: ApiTokenType,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => ctx.access.apiTokens.revoke(ctx.actor, idArgument(id, 'id')),
  }),
}));
