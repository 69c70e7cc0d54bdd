export * from './config-texts.js';
export * from './config-search-projector.js';
export * from './config-search-queries.js';
export * from './config-version-queries.js';
