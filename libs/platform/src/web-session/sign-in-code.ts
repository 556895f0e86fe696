/**
 * The embedded default's one-time sign-in codes, like a notebook server's link: an HS256 token (keyed from
 * the JWT secret) carrying a random id and an expiry, so that the app and the `sign-in-link` CLI can both
 * mint one. Redeeming a code remembers its id in the process until it expires: it signs in once. A code
 * minted before the process started is refused too, so a restart does not revive a used link.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { epochSeconds, purposeKey } from './purpose-key';

const TYPE = 'sales-ops-sign-in+jwt';
const PURPOSE = 'sign-in code';

type SignInCodeProblem = 'sign-in-code-invalid' | 'sign-in-code-expired' | 'sign-in-code-used' | 'sign-in-code-stale';

export class SignInCodeError extends Error {
  constructor(
    readonly code: SignInCodeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SignInCodeError';
  }
}

/** A fresh code, valid for `ttlSeconds` from `now` (ms). */
export function mintSignInCode(jwtSecret: string, ttlSeconds: number, now: number = Date.now()): Promise<string> {
  return mintWith(purposeKey(jwtSecret, PURPOSE), ttlSeconds, now);
}

function mintWith(key: Uint8Array, ttlSeconds: number, now: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt(epochSeconds(now))
    .setExpirationTime(epochSeconds(now) + ttlSeconds)
    .sign(key);
}

/** The sign-in link the page at `/` redeems: `<public URL>/?code=…`. */
export function signInLink(publicUrl: string, code: string): string {
  return `${publicUrl}/?code=${encodeURIComponent(code)}`;
}

export class SignInCodes {
  private readonly key: Uint8Array;
  /** Ids of redeemed codes, with their expiry (epoch seconds): kept until then, no longer. */
  private readonly used = new Map<string, number>();
  private readonly startedAt: number;

  constructor(
    jwtSecret: string,
    readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = purposeKey(jwtSecret, PURPOSE);
    this.startedAt = epochSeconds(clock());
  }

  mint(): Promise<string> {
    return mintWith(this.key, this.ttlSeconds, this.clock());
  }

  /** Accepts a valid, unexpired code once; SignInCodeError saying why otherwise. */
  async redeem(code: string): Promise<void> {
    const now = epochSeconds(this.clock());
    let payload: { jti?: unknown; iat?: unknown; exp?: unknown };
    try {
      ({ payload } = await jwtVerify(code, this.key, { algorithms: ['HS256'], typ: TYPE, currentDate: new Date(now * 1000), requiredClaims: ['jti', 'iat', 'exp'] }));
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') {
        throw new SignInCodeError('sign-in-code-expired', 'this sign-in link has expired: use the link the app printed at its last start, or make a new one with npm run -s sign-in-link');
      }
      throw new SignInCodeError('sign-in-code-invalid', 'this sign-in code is not valid: copy the whole link the app printed, or make a new one with npm run -s sign-in-link');
    }
    const id = payload.jti as string;
    if ((payload.iat as number) < this.startedAt) {
      throw new SignInCodeError('sign-in-code-stale', 'this sign-in link was made before the app last started: use the link it printed at start, or make a new one with npm run -s sign-in-link');
    }
    for (const [usedId, expiresAt] of this.used) if (expiresAt < now) this.used.delete(usedId);
    // Checked and recorded with no await in between: two requests racing with one code cannot both get in.
    if (this.used.has(id)) {
      throw new SignInCodeError('sign-in-code-used', 'this sign-in link has been used already: each link signs in once; make a new one with npm run -s sign-in-link');
    }
    this.used.set(id, payload.exp as number);
  }
}
