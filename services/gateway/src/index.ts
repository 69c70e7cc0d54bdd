export * from './gateway-server.js';
export * from './live/live-updates.js';
export { schema } from './schema/index.js';
export type { GatewayContext } from './schema/index.js';
export * from './live/read-model-change-listener.js';
export * from './health/health-routes.js';
export * from './metrics/metrics-routes.js';
export { withWebConsole } from './web/web-static.js';
export * from './live/live-feeds.js';
