export * from './netraven-config.js';
