export * from './webhook-use-cases.js';
export * from './webhook-delivery.js';
export * from './webhook-payload.js';
export * from './webhook-signature.js';
export * from './webhook-transport.js';
export * from './config-diff.js';
