export * from './eventstore/index.js';
