import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { userDecider, type UserCommand, type UserEvent } from '../src/user/index.js';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const userId = 'user-ann';
const command = <T extends UserCommand['type']>(type: T, data: Record<string, unknown> = {}): UserCommand =>
  ({ type, data: { userId, ...data }, metadata }) as UserCommand;
const create = (overrides: Record<string, unknown> = {}): UserCommand =>
  command('CreateUser', { username: 'ann', role: 'OPERATOR', tags: [' core', 'edge'], passwordChangeRequired: false, ...overrides });

const created: UserEvent = {
  type: 'UserCreated',
  data: { userId, username: 'ann', role: 'OPERATOR', tags: ['core', 'edge'], passwordChangeRequired: false, createdAt: EARLIER },
};
const disabled: UserEvent = { type: 'UserDisabled', data: { userId, disabledAt: EARLIER } };
const mustChange: UserEvent = { type: 'UserPasswordChangeRequired', data: { userId, requiredAt: EARLIER } };

const Fresh = suite('User — when new');

Fresh('creating records the username, role and tag scope, and no password', () => {
  given(userDecider, []).when(create()).then([{ ...created, data: { ...created.data, createdAt: AT } } as UserEvent]);
});

Fresh('a role outside ADMIN, OPERATOR, VIEWER is refused', () => {
  given(userDecider, []).when(create({ role: 'ROOT' })).thenRefusesField('role');
});

Fresh('a blank or control-character username is refused', () => {
  given(userDecider, []).when(create({ username: ' ' })).thenRefusesField('username');
  given(userDecider, []).when(create({ username: 'a\nb' })).thenRefusesField('username');
});

Fresh('nothing but creation applies to a user that does not exist', () => {
  for (const type of ['UpdateUser', 'ChangePassword', 'RequirePasswordChange', 'DisableUser', 'EnableUser'] as const) {
    given(userDecider, []).when(command(type)).thenThrows(IllegalStateError, 'does not exist');
  }
});

const Active = suite('User — when active');

Active('creating again is refused', () => {
  given(userDecider, [created]).when(create()).thenThrows(IllegalStateError, 'already exists');
});

Active('a new role or tag scope is recorded; the same ones record nothing', () => {
  given(userDecider, [created]).when(command('UpdateUser', { role: 'VIEWER' }))
    .then([{ type: 'UserUpdated', data: { userId, role: 'VIEWER', tags: ['core', 'edge'], updatedAt: AT } }]);
  given(userDecider, [created]).when(command('UpdateUser', { tags: [] }))
    .then([{ type: 'UserUpdated', data: { userId, role: 'OPERATOR', tags: [], updatedAt: AT } }]);
  given(userDecider, [created]).when(command('UpdateUser', { role: 'OPERATOR', tags: ['edge', 'core'] })).thenNothingHappens();
  given(userDecider, [created]).when(command('UpdateUser', { role: 'GOD' })).thenThrows(ValidationError, 'role');
});

Active('a password change is a fact without the password', () => {
  given(userDecider, [created]).when(command('ChangePassword')).then([{ type: 'UserPasswordChanged', data: { userId, changedAt: AT } }]);
});

Active('an admin may require a change at next sign-in; a change clears it', () => {
  given(userDecider, [created]).when(command('RequirePasswordChange'))
    .then([{ type: 'UserPasswordChangeRequired', data: { userId, requiredAt: AT } }]);
  given(userDecider, [created, mustChange]).when(command('RequirePasswordChange')).thenNothingHappens();
  const state = given(userDecider, [created, mustChange, { type: 'UserPasswordChanged', data: { userId, changedAt: EARLIER } }]).state();
  assert.is(state.status === 'Active' && state.passwordChangeRequired, false);
});

Active('disabling records it once', () => {
  given(userDecider, [created]).when(command('DisableUser')).then([{ type: 'UserDisabled', data: { userId, disabledAt: AT } }]);
  given(userDecider, [created]).when(command('EnableUser')).thenNothingHappens();
});

const Disabled = suite('User — when disabled');

Disabled('a disabled user cannot change its password', () => {
  given(userDecider, [created, disabled]).when(command('ChangePassword')).thenThrows(IllegalStateError, 'disabled');
});

Disabled('enabling brings it back; disabling again records nothing', () => {
  given(userDecider, [created, disabled]).when(command('EnableUser')).then([{ type: 'UserEnabled', data: { userId, enabledAt: AT } }]);
  given(userDecider, [created, disabled]).when(command('DisableUser')).thenNothingHappens();
  assert.is(userDecider.streamName(userId), 'user-user-ann');
});

Fresh.run();
Active.run();
Disabled.run();
