import type { Decider } from '../shared/decider.js';
import { ValidationError } from '../shared/errors.js';
import type { BackupPolicyCommand } from './commands.js';
import type { BackupPolicyEvent, BackupPolicyRules } from './events.js';
import { isEmptyPolicy, validateBackupPolicyRules } from './validate.js';

export type BackupPolicyState = { readonly phase: 'None' } | { readonly phase: 'Set'; readonly rules: BackupPolicyRules };

const initialState = (): BackupPolicyState => ({ phase: 'None' });

const sameRules = (a: BackupPolicyRules, b: BackupPolicyRules): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One policy per scope. Setting it to what it is appends nothing; setting it empty (no patterns,
 * no threshold) removes it, as does `RemoveBackupPolicy`; removing a policy that is not there appends nothing.
 */
const decide = (command: BackupPolicyCommand, state: BackupPolicyState): BackupPolicyEvent[] => {
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'SetBackupPolicy': {
      const { scope, ...input } = command.data;
      const rules = validateBackupPolicyRules(input);
      if (isEmptyPolicy(rules)) return state.phase === 'Set' ? [{ type: 'BackupPolicyRemoved', data: { scope, removedAt: at } }] : [];
      if (state.phase === 'Set' && sameRules(state.rules, rules)) return [];
      return [{ type: 'BackupPolicySet', data: { scope, ...rules, setAt: at } }];
    }
    case 'RemoveBackupPolicy':
      return state.phase === 'Set' ? [{ type: 'BackupPolicyRemoved', data: { scope: command.data.scope, removedAt: at } }] : [];
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown backup policy command ${(command as { type: string }).type}`);
    }
  }
};

const evolve = (_state: BackupPolicyState, event: BackupPolicyEvent): BackupPolicyState => {
  switch (event.type) {
    case 'BackupPolicySet':
      return { phase: 'Set', rules: { volatile: event.data.volatile, secrets: event.data.secrets, staleAfterHours: event.data.staleAfterHours } };
    case 'BackupPolicyRemoved':
      return { phase: 'None' };
  }
};

export const backupPolicyDecider: Decider<BackupPolicyCommand, BackupPolicyEvent, BackupPolicyState> = {
  decide,
  evolve,
  initialState,
  streamName: (id) => `backuppolicy-${id}`,
};
