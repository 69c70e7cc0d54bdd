import * as oidc from 'openid-client';

/** How NetRaven talks to its identity provider (`NETRAVEN_OIDC_*`). */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back: the gateway's `/auth/oidc/callback`, as the provider knows it. */
  readonly redirectUrl: string;
  /** The claim listing the user's groups (`groups` by default). */
  readonly groupsClaim: string;
  readonly scopes: string;
}

/** What a validated ID token (and, when it lacks the groups, the userinfo answer) says about the user. */
export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly username: string;
  readonly groups: readonly string[];
}

/** The callback's `state` is unknown, expired or already used: nothing is signed in. */
export class OidcStateError extends Error {
  override readonly name = 'OidcStateError';
}

/** The provider refused, or its answer did not validate (code, PKCE, nonce, ID token signature, audience, expiry). */
export class OidcProviderError extends Error {
  override readonly name = 'OidcProviderError';
}

interface PendingLogin {
  readonly verifier: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

const PENDING_LIFETIME_MS = 10 * 60_000;
const MAX_PENDING = 10_000;
const isLoopback = (url: URL): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * The authorization-code flow with PKCE (S256), through `openid-client`: discovery, the
 * authorization URL, and the code exchange with state, nonce and ID-token validation. The PKCE
 * verifier and nonce stay in this process, keyed by the random `state`, for ten minutes and one use.
 */
export class OidcClient {
  private configuration: Promise<oidc.Configuration> | undefined;
  private readonly pending = new Map<string, PendingLogin>();

  constructor(private readonly settings: OidcSettings, private readonly now: () => number = Date.now) {}

  /** Where to send the browser to sign in. */
  async authorizationUrl(): Promise<URL> {
    const config = await this.discover();
    this.forgetExpired();
    if (this.pending.size >= MAX_PENDING) throw new OidcProviderError('too many sign-ins in progress; try again in a few minutes');
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    this.pending.set(state, { verifier, nonce, expiresAt: this.now() + PENDING_LIFETIME_MS });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /**
   * Finishes the flow from the query the provider redirected with; the state is spent whatever
   * happens next. The redirect URL sent to the provider is the configured one, not the request's.
   */
  async finish(query: URLSearchParams): Promise<OidcIdentity> {
    const callbackUrl = new URL(this.settings.redirectUrl);
    callbackUrl.search = query.toString();
    const state = callbackUrl.searchParams.get('state');
    const pending = state ? this.pending.get(state) : undefined;
    if (state) this.pending.delete(state);
    if (!state || !pending || pending.expiresAt <= this.now()) {
      throw new OidcStateError(state ? 'unknown, expired or already used state: start the sign-in again' : 'the callback carries no state');
    }
    const error = callbackUrl.searchParams.get('error');
    if (error) throw new OidcProviderError(`the identity provider refused: ${error}`);
    const config = await this.discover();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true,
      });
    } catch (cause) {
      const detail = cause instanceof oidc.ResponseBodyError ? `${cause.error}${cause.error_description ? ` (${cause.error_description})` : ''}` : cause instanceof Error ? cause.message : String(cause);
      throw new OidcProviderError(`the identity provider's answer did not validate: ${detail}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcProviderError('the identity provider returned no ID token');
    let all: Record<string, unknown> = { ...claims };
    if (!(this.settings.groupsClaim in all)) {
      all = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...all };
    }
    const groups = all[this.settings.groupsClaim];
    const name = [all['preferred_username'], all['email'], claims.sub].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    return {
      issuer: claims.iss,
      subject: claims.sub,
      username: name ?? claims.sub,
      groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : typeof groups === 'string' ? [groups] : [],
    };
  }

  /** Discovery runs on first use (a provider down at start-up does not stop the gateway) and again after a failure. */
  private discover(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.settings.issuer);
      // Plain HTTP only to a provider on this machine (tests, a local proxy); anything else must be HTTPS.
      const options = issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined;
      this.configuration = oidc.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, options);
      this.configuration.catch(() => { this.configuration = undefined; });
    }
    return this.configuration.catch((cause: unknown) => {
      throw new OidcProviderError(`the identity provider ${this.settings.issuer} could not be discovered: ${cause instanceof Error ? cause.message : String(cause)}`);
    });
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [state, login] of this.pending) if (login.expiresAt <= now) this.pending.delete(state);
  }
}
