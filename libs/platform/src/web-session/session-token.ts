/**
 * The browser session, as the value of its cookie: an HS256 JWT (keyed from SESSION_SECRET) naming the
 * actor, how the session was signed in, a session id that survives act-as, and its expiry. Nothing is
 * kept on the server but the ids of sessions that signed out (see WebSessions).
 */
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { ROLE_IDS, type Role, type Actor } from '#libs/contracts';
import { UnauthenticatedError } from '../auth/token-verifier';
import { epochSeconds, purposeKey } from './purpose-key';

const TYPE = 'sales-ops-session+jwt';
const PURPOSE = 'session';

/** `local`: the embedded default's sign-in link (may act as anyone); `oidc`: the identity provider's user. */
export type SessionKind = 'local' | 'oidc';

export interface WebSession {
  readonly actor: Actor;
  readonly kind: SessionKind;
  /** Stays the same when a local session acts as someone else: signing out ends them all. */
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export function signSessionToken(sessionSecret: string, session: WebSession, now: number = Date.now()): Promise<string> {
  return new SignJWT({ role: session.actor.role, kind: session.kind, sid: session.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setSubject(session.actor.userId)
    .setIssuedAt(epochSeconds(now))
    .setExpirationTime(epochSeconds(session.expiresAt.getTime()))
    .sign(purposeKey(sessionSecret, PURPOSE));
}

/** The session a cookie value carries; UnauthenticatedError saying why when it is not a valid, live one. */
export async function verifySessionToken(sessionSecret: string, token: string, now: number = Date.now()): Promise<WebSession> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, purposeKey(sessionSecret, PURPOSE), {
      algorithms: ['HS256'],
      typ: TYPE,
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp', 'sid'],
    }));
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new UnauthenticatedError(expired ? 'the session has expired: sign in again' : 'the session cookie is not valid: sign in again');
  }
  const { sub, role, kind, sid, exp } = payload;
  const valid =
    typeof sub === 'string' &&
    typeof sid === 'string' &&
    (kind === 'local' || kind === 'oidc') &&
    typeof role === 'string' &&
    (ROLE_IDS as readonly string[]).includes(role);
  if (!valid) throw new UnauthenticatedError('the session cookie is not valid: sign in again');
  return { actor: { userId: sub, role: role as Role }, kind, sessionId: sid, expiresAt: new Date(exp! * 1000) };
}
