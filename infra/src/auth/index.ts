export * from './password-hasher.js';
export * from './opaque-tokens.js';
export * from './access-tokens.js';
export * from './auth-store.js';
export * from './oidc-client.js';
export * from './sign-in-failure-sweeper.js';
