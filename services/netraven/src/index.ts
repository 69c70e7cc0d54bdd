export { startNetRaven, startStandalone, type StandaloneNetRaven } from './standalone.js';
export { parseRoles, ROLES, type Role } from './composition/roles.js';
export { systemActor, type Actor } from '@netraven/application';
