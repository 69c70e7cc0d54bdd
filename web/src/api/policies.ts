// Backup policy documents: extra volatile and secret patterns, and the staleness threshold, per tag or device.
export interface BackupPolicy {
  tag: string | null; deviceId: string | null; volatile: string[]; secrets: string[]; staleAfterHours: number | null;
  updatedAt: string; updatedBy: string;
}
export const BACKUP_POLICIES = `query BackupPolicies { backupPolicies { tag deviceId volatile secrets staleAfterHours updatedAt updatedBy } }`;
export interface BackupPoliciesData { backupPolicies: BackupPolicy[] }
export const SET_BACKUP_POLICY = `mutation SetBackupPolicy($input: SetBackupPolicyInput!) { setBackupPolicy(input: $input) { tag deviceId } }`;
export const REMOVE_BACKUP_POLICY = `mutation RemoveBackupPolicy($input: BackupPolicyScopeInput!) { removeBackupPolicy(input: $input) }`;

export const STALE_DEVICES = `query StaleDevices { staleDevices { id name staleSince lastSuccessfulBackupAt tags } }`;
export interface StaleDevicesData { staleDevices: Array<{ id: string; name: string; staleSince: string | null; lastSuccessfulBackupAt: string | null; tags: string[] }> }
