/**
 * Browser sessions: start one (a cookie), read it back from a request, let a local one act as someone else,
 * end it. The cookie is the whole session (see session-token.ts); the process remembers only the ids of
 * sessions that signed out, until they would have expired, so a copied cookie stops working on sign-out.
 */
import type { Actor } from '#libs/contracts';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { PERMISSION_MATRIX, isAllowed, type Permission } from '../auth/permission-matrix';
import { UnauthenticatedError } from '../auth/token-verifier';
import { SESSION_COOKIE, isSecureRequest, readCookie } from './browser-request';
import { PublicUrl } from './public-url';
import { epochSeconds } from './purpose-key';
import { signSessionToken, verifySessionToken, type SessionKind, type WebSession } from './session-token';
import type { SessionView } from './web-session.dto';

export class WebSessions {
  /** Session id → when its cookie would have expired (ms). */
  private readonly signedOut = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly publicUrl: PublicUrl,
    private readonly clock: () => number = Date.now,
  ) {}

  hasCookie(request: Request): boolean {
    return readCookie(request, SESSION_COOKIE) !== undefined;
  }

  /** The request's session; undefined without a cookie; UnauthenticatedError for an invalid, expired or ended one. */
  async fromRequest(request: Request): Promise<WebSession | undefined> {
    const token = readCookie(request, SESSION_COOKIE);
    if (token === undefined) return undefined;
    const session = await verifySessionToken(this.secret, token, this.clock());
    if (this.signedOut.has(session.sessionId)) throw new UnauthenticatedError('this session has signed out: sign in again');
    return session;
  }

  async start(request: Request, response: Response, actor: Actor, kind: SessionKind): Promise<WebSession> {
    const session: WebSession = {
      actor,
      kind,
      sessionId: randomBytes(16).toString('base64url'),
      expiresAt: new Date((epochSeconds(this.clock()) + this.ttlSeconds) * 1000),
    };
    await this.setCookie(request, response, session);
    return session;
  }

  /** The same session (id, kind and expiry: acting as someone does not prolong it), as another actor. */
  async actAs(request: Request, response: Response, session: WebSession, actor: Actor): Promise<WebSession> {
    const next: WebSession = { ...session, actor };
    await this.setCookie(request, response, next);
    return next;
  }

  end(request: Request, response: Response, session: WebSession | undefined): void {
    const now = this.clock();
    for (const [id, expiresAt] of this.signedOut) if (expiresAt < now) this.signedOut.delete(id);
    if (session) this.signedOut.set(session.sessionId, session.expiresAt.getTime());
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
  }

  /** What GET /auth/session tells the page. */
  view(session: WebSession): SessionView {
    return {
      actor: { userId: session.actor.userId, role: session.actor.role },
      kind: session.kind,
      canActAs: session.kind === 'local',
      permissions: (Object.keys(PERMISSION_MATRIX) as Permission[]).filter((permission) => isAllowed(session.actor.role, permission)),
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  private async setCookie(request: Request, response: Response, session: WebSession): Promise<void> {
    const token = await signSessionToken(this.secret, session, this.clock());
    const secondsLeft = epochSeconds(session.expiresAt.getTime()) - epochSeconds(this.clock());
    response.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(request), maxAge: Math.max(0, secondsLeft) * 1000 });
  }

  /** Sent with every same-site request and no cross-site one; out of reach of the page's JavaScript. */
  private cookieOptions(request: Request): { httpOnly: true; sameSite: 'strict'; path: '/'; secure: boolean } {
    return { httpOnly: true, sameSite: 'strict', path: '/', secure: isSecureRequest(request, this.publicUrl.configured) };
  }
}
