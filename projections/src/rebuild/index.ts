export { rebuildProjections, retentionApplies, type ReadModelRetention, type RebuildOptions, type RebuildReport } from './rebuild-projections.js';
export { verifyProjections, type VerifyOptions, type VerifyReport, type ProjectorVerification } from './verify-projections.js';
export type { TableComparison, Row } from './compare-tables.js';
export { ownedTables, selectProjectors } from './select-projectors.js';
