export * from './http-webhook-transport.js';
