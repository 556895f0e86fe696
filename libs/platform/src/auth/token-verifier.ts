/**
 * Bearer tokens: HS256 with a shared secret (the embedded default), or any key an OIDC provider publishes
 * at a JWKS URL, given or discovered from the issuer (production). Either way the token says `sub` (the
 * rep id) and the role (the `role` claim, or the claim OIDC_ROLE_CLAIM names).
 */
import { ServiceUnavailableException } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLE_IDS, type Role, type Actor } from '#libs/contracts';

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
  private keys: Promise<JWTVerifyGetKey> | undefined;

  /** `jwksUrl`: the URL, or how to find it (the issuer's discovered metadata), asked again after a failure. */
  constructor(
    private readonly jwksUrl: string | (() => Promise<string>),
    private readonly issuer?: string,
    private readonly audience?: string,
    private readonly roleClaim = 'role',
  ) {}

  async verify(token: string): Promise<Actor> {
    const keys = await this.keySet();
    return actorFrom(
      await verifyWith(() =>
        jwtVerify(token, keys, {
          ...(this.issuer ? { issuer: this.issuer } : {}),
          ...(this.audience ? { audience: this.audience } : {}),
        }),
      ),
      this.roleClaim,
    );
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys) return this.keys;
    const jwksUrl = this.jwksUrl;
    const keys = (typeof jwksUrl === 'string' ? Promise.resolve(jwksUrl) : jwksUrl()).then(
      (url) => createRemoteJWKSet(new URL(url)),
      (error: unknown) => {
        // Asked again by the next request: a provider that was down a moment is not remembered as down.
        if (this.keys === keys) this.keys = undefined;
        throw new ServiceUnavailableException({
          code: 'identity-provider-unavailable',
          message: `the identity provider's keys cannot be found: ${(error as Error).message}`,
        });
      },
    );
    this.keys = keys;
    return keys;
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

function actorFrom(payload: JWTPayload, roleClaim = 'role'): Actor {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('the token names no subject (sub)');
  const role = roleFromClaims(payload, roleClaim);
  if (role === undefined) {
    throw new UnauthenticatedError(`the token's ${roleClaim === 'role' ? 'role' : `role claim ${roleClaim}`} must be one of ${ROLE_IDS.join(', ')}`);
  }
  return { userId: payload.sub, role };
}

/**
 * The Sales-ops role a token's claim names: a role id, or a list (as many providers send roles) holding
 * exactly one role id among other entries. Undefined when it names none, or several.
 */
export function roleFromClaims(claims: Readonly<Record<string, unknown>>, roleClaim: string): Role | undefined {
  const value = Object.hasOwn(claims, roleClaim) ? claims[roleClaim] : undefined;
  const isRole = (entry: unknown): entry is Role => typeof entry === 'string' && (ROLE_IDS as readonly string[]).includes(entry);
  if (isRole(value)) return value;
  if (!Array.isArray(value)) return undefined;
  const roles = [...new Set(value.filter(isRole))];
  return roles.length === 1 ? roles[0] : undefined;
}
