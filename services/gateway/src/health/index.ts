export * from './health-routes.js';
