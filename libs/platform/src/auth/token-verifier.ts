/**
 * Bearer tokens: HS256 with a shared secret (the embedded default), or any key an OIDC provider publishes
 * at a JWKS URL (production). Either way the token says `sub` (the rep id) and `role`.
 */
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLE_IDS, type Role } from '#libs/contracts';
import type { Actor } from './actor';

export class UnauthenticatedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnauthenticatedError';
  }
}

export interface TokenVerifier {
  /** The caller a valid token names; UnauthenticatedError saying why otherwise. */
  verify(token: string): Promise<Actor>;
}

export const TOKEN_VERIFIER = Symbol('TokenVerifier');

const ISSUER = 'sales-ops';

export class SharedSecretTokenVerifier implements TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string): Promise<Actor> {
    return actorFrom(await verifyWith(() => jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER })));
  }
}

export class OidcTokenVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    jwksUrl: string,
    private readonly issuer?: string,
    private readonly audience?: string,
  ) {
    this.keys = createRemoteJWKSet(new URL(jwksUrl));
  }

  async verify(token: string): Promise<Actor> {
    return actorFrom(
      await verifyWith(() =>
        jwtVerify(token, this.keys, {
          ...(this.issuer ? { issuer: this.issuer } : {}),
          ...(this.audience ? { audience: this.audience } : {}),
        }),
      ),
    );
  }
}

/** A token the embedded default accepts: for the `token` script, tests and local tools. */
export async function signToken(secret: string, actor: Actor, expiresIn: string | number = '12h'): Promise<string> {
  return new SignJWT({ role: actor.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

async function verifyWith(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UnauthenticatedError(code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : 'the token is not valid');
  }
}

function actorFrom(payload: JWTPayload): Actor {
  const role = payload.role;
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('the token names no subject (sub)');
  if (typeof role !== 'string' || !(ROLE_IDS as readonly string[]).includes(role)) {
    throw new UnauthenticatedError(`the token's role must be one of ${ROLE_IDS.join(', ')}`);
  }
  return { userId: payload.sub, role: role as Role };
}
