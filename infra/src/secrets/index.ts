export * from './credential-vault.js';
export * from './vault-key-file.js';
export * from './vault-key-rotation.js';
