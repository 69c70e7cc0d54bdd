import type { Command } from '../shared/decider.js';
import type { BackupPolicyRules, BackupPolicyScope } from './events.js';

export type SetBackupPolicy = Command<'SetBackupPolicy', { scope: BackupPolicyScope } & BackupPolicyRules>;
export type RemoveBackupPolicy = Command<'RemoveBackupPolicy', { scope: BackupPolicyScope }>;
export type BackupPolicyCommand = SetBackupPolicy | RemoveBackupPolicy;
