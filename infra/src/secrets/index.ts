export * from './credential-vault.js';
export * from './vault-key-file.js';
