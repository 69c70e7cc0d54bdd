export * from './metrics-routes.js';
