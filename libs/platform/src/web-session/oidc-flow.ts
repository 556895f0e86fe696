/**
 * What the OIDC callback must check, kept between /auth/oidc/start and /auth/oidc/callback in a short-lived
 * cookie of the browser that started: state, nonce, the PKCE code verifier and where to go afterwards,
 * signed (HS256, keyed from SESSION_SECRET) so that nothing of it can be changed on the way.
 */
import { SignJWT, jwtVerify } from 'jose';
import { epochSeconds, purposeKey } from './purpose-key';

const TYPE = 'sales-ops-oidc-flow+jwt';
const PURPOSE = 'oidc sign-in flow';

/** Ten minutes to sign in at the provider. */
export const OIDC_FLOW_TTL_SECONDS = 600;

export interface OidcFlow {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A same-origin path. */
  readonly returnTo: string;
}

export function signOidcFlow(sessionSecret: string, flow: OidcFlow, now: number = Date.now()): Promise<string> {
  return new SignJWT({ state: flow.state, nonce: flow.nonce, cv: flow.codeVerifier, rt: flow.returnTo })
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setIssuedAt(epochSeconds(now))
    .setExpirationTime(epochSeconds(now) + OIDC_FLOW_TTL_SECONDS)
    .sign(purposeKey(sessionSecret, PURPOSE));
}

/** The flow a cookie carries, or undefined when it is not a valid, unexpired one. */
export async function verifyOidcFlow(sessionSecret: string, token: string, now: number = Date.now()): Promise<OidcFlow | undefined> {
  try {
    const { payload } = await jwtVerify(token, purposeKey(sessionSecret, PURPOSE), { algorithms: ['HS256'], typ: TYPE, currentDate: new Date(now) });
    const { state, nonce, cv, rt } = payload;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof cv !== 'string' || typeof rt !== 'string') return undefined;
    return { state, nonce, codeVerifier: cv, returnTo: rt };
  } catch {
    return undefined;
  }
}
