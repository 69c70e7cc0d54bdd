import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { afterOidcSignIn } from '../src/composition/web-console.js';

const redirectUrl = 'https://netraven.example.net:8443/auth/oidc/callback';

test('after an OIDC sign-in the browser lands in the console the gateway serves, at the origin the provider returns to', () => {
  assert.is(afterOidcSignIn({ afterSignInUrl: undefined, redirectUrl }, '/opt/netraven/web/dist'), 'https://netraven.example.net:8443/');
});

test('NETRAVEN_OIDC_AFTER_SIGN_IN_URL wins; without a console the callback keeps its own page', () => {
  assert.is(afterOidcSignIn({ afterSignInUrl: 'https://console.example.net/', redirectUrl }, '/opt/netraven/web/dist'), 'https://console.example.net/');
  assert.is(afterOidcSignIn({ afterSignInUrl: undefined, redirectUrl }, undefined), undefined);
});

test.run();
