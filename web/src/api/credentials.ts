export interface Credential {
  id: string; name: string; username: string; fingerprint: string; tags: string[]; priority: number;
  successCount: number; failureCount: number; lastUsedAt: string | null;
}
export const CREDENTIALS = `query Credentials { credentials { id name username fingerprint tags priority successCount failureCount lastUsedAt } }`;
export interface CredentialsData { credentials: Credential[] }

export const CREATE_CREDENTIAL = `mutation CreateCredential($input: CreateCredentialInput!) { createCredential(input: $input) { id name } }`;
export const TEST_CREDENTIAL = `mutation TestCredential($credentialId: ID!, $deviceId: ID!) {
  testCredential(credentialId: $credentialId, deviceId: $deviceId) { ok category message durationMs }
}`;
export interface TestCredentialData { testCredential: { ok: boolean; category: string | null; message: string; durationMs: number } }
export const UPDATE_CREDENTIAL = `mutation UpdateCredential($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { id tags priority fingerprint } }`;
