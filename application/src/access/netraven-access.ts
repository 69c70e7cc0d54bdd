import { AccessContext, type AccessDependencies } from './access-context.js';
import { ApiTokenAdministration } from './api-token-administration.js';
import { Authenticator } from './authenticator.js';
import { ExternalSignIn } from './external-sign-in.js';
import { SignIn } from './sign-in.js';
import { UserAdministration } from './user-administration.js';

/** The access use cases together: who is asking, sign-in and sessions, users, API tokens. */
export class NetRavenAccess {
  readonly authenticator: Authenticator;
  readonly signIn: SignIn;
  readonly users: UserAdministration;
  readonly apiTokens: ApiTokenAdministration;
  /** Sign-in through the identity provider (OIDC), its groups mapped by `deps.externalGroups`. */
  readonly externalSignIn: ExternalSignIn;

  constructor(deps: AccessDependencies) {
    const context = new AccessContext(deps);
    this.authenticator = new Authenticator(context);
    this.signIn = new SignIn(context);
    this.users = new UserAdministration(context);
    this.apiTokens = new ApiTokenAdministration(context);
    this.externalSignIn = new ExternalSignIn(context, this.signIn, deps.externalGroups ?? []);
  }
}
