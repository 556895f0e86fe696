/**
 * Browser sign-in through an OpenID Connect provider, server side (a backend for the front end: no token
 * reaches the page): the authorization code flow with PKCE (S256), state and nonce, by openid-client. The
 * provider's ID token says who signed in (`sub`) and their role (OIDC_ROLE_CLAIM); the app then issues its
 * own session cookie and forgets the provider's tokens.
 */
import * as oidc from 'openid-client';
import { ROLE_IDS, type Actor } from '#libs/contracts';
import { roleFromClaims } from '../auth/token-verifier';
import type { OidcClientSettings } from '../config/app-config';
import { signOidcFlow, verifyOidcFlow, type OidcFlow } from './oidc-flow';
import { PublicUrl } from './public-url';

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/**
 * The provider's metadata (and a client configuration for it), fetched from its issuer on first use and
 * kept; fetched again after a failure, so a provider that was down at boot does not stop the app.
 */
export class OidcDiscovery {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly issuer: string,
    private readonly client: OidcClientSettings | undefined,
  ) {}

  get(): Promise<oidc.Configuration> {
    if (this.configuration) return this.configuration;
    const issuer = new URL(this.issuer);
    // Only the bearer tokens' keys are wanted without a client: the id is not sent anywhere then.
    const clientId = this.client?.clientId ?? 'sales-ops';
    const clientSecret = this.client?.clientSecret;
    const configuration = oidc
      .discovery(issuer, clientId, clientSecret, clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(clientSecret), {
        // Config allows plain http only for a provider on this machine (see app-config.ts).
        ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        if (this.configuration === configuration) this.configuration = undefined;
        throw new OidcProviderUnreachableError(`${this.issuer} cannot be reached: ${(error as Error).message}`);
      });
    this.configuration = configuration;
    return configuration;
  }

  async jwksUri(): Promise<string> {
    const uri = (await this.get()).serverMetadata().jwks_uri;
    if (!uri) throw new OidcProviderUnreachableError(`${this.issuer} publishes no jwks_uri: set OIDC_JWKS_URL`);
    return uri;
  }
}

class OidcProviderUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcProviderUnreachableError';
  }
}

/** Why a sign-in failed, for a page the browser shows: an HTTP status, a title and a sentence or two. */
export class OidcSignInError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly sentences: readonly string[],
  ) {
    super(sentences.join(' '));
    this.name = 'OidcSignInError';
  }
}

export class OidcSignIn {
  constructor(
    private readonly discovery: OidcDiscovery,
    private readonly client: OidcClientSettings,
    private readonly roleClaim: string,
    private readonly sessionSecret: string,
    private readonly publicUrl: PublicUrl,
  ) {}

  /** The redirect URI to register with the provider. */
  redirectUri(): string {
    return `${this.publicUrl.value}${OIDC_CALLBACK_PATH}`;
  }

  /** Where to send the browser, and the signed flow (for its cookie) that the callback checks against. */
  async start(returnTo: string): Promise<{ authorizationUrl: string; state: string; flowToken: string }> {
    const configuration = await this.configuration();
    const flow: OidcFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), returnTo };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: this.client.scopes.join(' '),
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href, state: flow.state, flowToken: await signOidcFlow(this.sessionSecret, flow) };
  }

  /** The flow a callback's cookie carries, or undefined (none, tampered with, or older than ten minutes). */
  flowOf(flowToken: string | undefined): Promise<OidcFlow | undefined> {
    return flowToken === undefined ? Promise.resolve(undefined) : verifyOidcFlow(this.sessionSecret, flowToken);
  }

  /**
   * Checks the provider's answer (`query`: the callback's query string) against the flow this browser
   * started, exchanges the code and reads who signed in from the ID token; OidcSignInError otherwise.
   */
  async finish(query: string, flow: OidcFlow): Promise<Actor> {
    const configuration = await this.configuration();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${this.redirectUri()}${query}`), {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw explain(error);
    }
    const sub = claims?.sub;
    if (typeof sub !== 'string' || sub === '') {
      throw new OidcSignInError(502, 'Sign-in failed', ['The identity provider named no user (sub) in its ID token.']);
    }
    const role = roleFromClaims(claims ?? {}, this.roleClaim);
    if (role === undefined) {
      const value = claims?.[this.roleClaim];
      throw new OidcSignInError(403, 'No Sales-ops role', [
        value === undefined
          ? `You signed in as ${sub}, but the identity provider gave no role: its ID token has no claim "${this.roleClaim}".`
          : `You signed in as ${sub}, but the claim "${this.roleClaim}" of the ID token (${JSON.stringify(value).slice(0, 200)}) names no single Sales-ops role.`,
        `Ask your administrator to give you one of: ${ROLE_IDS.join(', ')}.`,
      ]);
    }
    return { userId: sub, role };
  }

  private async configuration(): Promise<oidc.Configuration> {
    try {
      return await this.discovery.get();
    } catch (error) {
      throw new OidcSignInError(503, 'The identity provider cannot be reached', [(error as Error).message, 'Try again in a moment.']);
    }
  }
}

function explain(error: unknown): OidcSignInError {
  if (error instanceof oidc.AuthorizationResponseError) {
    const reason = error.error_description ?? error.error;
    return new OidcSignInError(error.error === 'access_denied' ? 403 : 400, 'Sign-in was not completed', [`The identity provider answered: ${reason}.`]);
  }
  if (error instanceof oidc.ResponseBodyError) {
    return new OidcSignInError(400, 'Sign-in failed', [`The identity provider refused the sign-in: ${error.error_description ?? error.error}.`]);
  }
  if (error instanceof oidc.ClientError) {
    const unreachable = error.code === 'OAUTH_TIMEOUT' || (error.cause instanceof TypeError && /fetch/i.test(error.cause.message));
    if (unreachable) return new OidcSignInError(503, 'The identity provider cannot be reached', [`${error.message}.`, 'Try again in a moment.']);
    return new OidcSignInError(400, 'Sign-in failed', [`The answer from the identity provider does not match the sign-in this browser started: ${error.message}.`]);
  }
  if (error instanceof TypeError) {
    return new OidcSignInError(503, 'The identity provider cannot be reached', [`${error.message}.`, 'Try again in a moment.']);
  }
  return new OidcSignInError(502, 'Sign-in failed', [`The identity provider's answer could not be read: ${(error as Error).message}.`]);
}
