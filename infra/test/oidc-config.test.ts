import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/netraven-config.js';

const config = suite('NETRAVEN_OIDC_* configuration');
const OIDC = {
  NETRAVEN_OIDC_ISSUER: 'https://idp.example.com/realms/netops',
  NETRAVEN_OIDC_CLIENT_ID: 'netraven',
  NETRAVEN_OIDC_CLIENT_SECRET: 'client-secret',
  NETRAVEN_OIDC_GROUPS: 'netops-admins=ADMIN;netops=OPERATOR:core,edge;noc=VIEWER',
};

config('OIDC is off without an issuer', () => {
  assert.is(loadConfig({}).auth.oidc, undefined);
});

config('an issuer with client and mapping turns it on; the redirect URL defaults to the gateway port', () => {
  const oidc = loadConfig({ ...OIDC, PORT: '4100' }).auth.oidc;
  assert.is(oidc?.redirectUrl, 'http://127.0.0.1:4100/auth/oidc/callback');
  assert.is(oidc?.groupsClaim, 'groups');
  assert.equal(oidc?.groups.map((g) => g.role), ['ADMIN', 'OPERATOR', 'VIEWER']);
  const behindProxy = loadConfig({ ...OIDC, NETRAVEN_OIDC_REDIRECT_URL: 'https://netraven.example.com/auth/oidc/callback', NETRAVEN_OIDC_GROUPS_CLAIM: 'roles' }).auth.oidc;
  assert.is(behindProxy?.redirectUrl, 'https://netraven.example.com/auth/oidc/callback');
  assert.is(behindProxy?.groupsClaim, 'roles');
});

config('a half-configured or unparsable OIDC setup stops the start', () => {
  assert.throws(() => loadConfig({ ...OIDC, NETRAVEN_OIDC_CLIENT_SECRET: '' }), /NETRAVEN_OIDC_CLIENT_SECRET/);
  assert.throws(() => loadConfig({ ...OIDC, NETRAVEN_OIDC_GROUPS: undefined }), /NETRAVEN_OIDC_GROUPS/);
  assert.throws(() => loadConfig({ ...OIDC, NETRAVEN_OIDC_GROUPS: 'netops=ROOT' }), /NETRAVEN_OIDC_GROUPS/);
});

config.run();
