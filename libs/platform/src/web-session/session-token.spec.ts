/** The session cookie's token: the actor, kind, session id and expiry, signed with the session secret only. */
import { SignJWT } from 'jose';
import { signToken, UnauthenticatedError } from '../auth/token-verifier';
import { signSessionToken, verifySessionToken, type WebSession } from './session-token';
import { purposeKey } from './purpose-key';

const secret = 'a-session-secret-of-at-least-thirty-two-chars';
const now = Date.parse('2027-01-15T09:00:00.000Z');
const session: WebSession = {
  actor: { userId: 'h-anna', role: 'hunter' },
  kind: 'local',
  sessionId: 'sid-1',
  expiresAt: new Date(now + 3_600_000),
};

describe('session token', () => {
  it('carries the actor, the kind, the session id and the expiry', async () => {
    const token = await signSessionToken(secret, session, now);
    await expect(verifySessionToken(secret, token, now + 1000)).resolves.toEqual(session);
  });

  it('refuses an expired session, another secret, a bearer token and an altered one', async () => {
    const token = await signSessionToken(secret, session, now);
    await expect(verifySessionToken(secret, token, now + 3_601_000)).rejects.toThrow('the session has expired');
    await expect(verifySessionToken('another-session-secret-of-32-characters!!', token, now)).rejects.toThrow('not valid');
    await expect(verifySessionToken(secret, await signToken(secret, session.actor), now)).rejects.toBeInstanceOf(UnauthenticatedError);
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'rop-1', role: 'head-of-sales', kind: 'local', sid: 'sid-1', exp: now / 1000 + 60 })).toString('base64url');
    await expect(verifySessionToken(secret, `${header}.${payload}.${signature}`, now)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a well-signed token with an unknown role or kind', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'sales-ops-session+jwt' }).setSubject('x').setExpirationTime(now / 1000 + 60).sign(purposeKey(secret, 'session'));
    await expect(verifySessionToken(secret, await sign({ role: 'hunter', kind: 'local', sid: 's' }), now)).resolves.toMatchObject({ actor: { userId: 'x', role: 'hunter' } });
    await expect(verifySessionToken(secret, await sign({ role: 'boss', kind: 'local', sid: 's' }), now)).rejects.toThrow('not valid');
    await expect(verifySessionToken(secret, await sign({ role: 'hunter', kind: 'magic', sid: 's' }), now)).rejects.toThrow('not valid');
    await expect(verifySessionToken(secret, await sign({ role: 'hunter', kind: 'local' }), now)).rejects.toThrow('not valid');
  });
});
