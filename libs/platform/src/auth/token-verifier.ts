/**
 * Bearer tokens: HS256 with a shared secret (the embedded default), or any key an OIDC provider publishes
 * at a JWKS URL, given or discovered from the issuer (production). Either way the token says `sub` (the
 * rep id) and the role (the `role` claim, or the claim OIDC_ROLE_CLAIM names).
 *
 * What a token must be, whoever signed it: signed with the one algorithm family its mode allows (HS256 with
 * the shared secret, so a token signed with a provider's public key as an HMAC secret or `alg: none` never
 * passes; only asymmetric algorithms from a provider, so its public keys cannot be used as secrets), with an
 * `exp`, living at most `maxLifetimeSeconds` (exp − iat, and exp − now whether or not it says iat), not
 * issued in the future, and all of it with at most `clockSkewSeconds` of disagreement between clocks.
 */
import { ServiceUnavailableException } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type CryptoKey, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
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

/** The only algorithm of the embedded default's tokens. */
/** HS256 only (its key is imported for SHA-256: see SharedSecretTokenVerifier). */
export const SHARED_SECRET_ALGORITHMS: readonly string[] = ['HS256'];
/** What a provider may sign with: public-key algorithms only (its JWKS holds public keys, never secrets). */
export const OIDC_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** A header value longer than this is no token of ours or a provider's: refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;

export interface TokenRules {
  /** The longest a token may live, in seconds (exp − iat; exp − now). */
  readonly maxLifetimeSeconds: number;
  /** Disagreement between clocks allowed on exp, nbf and iat, in seconds. */
  readonly clockSkewSeconds: number;
}

/** The rules when none are configured: a day at most, no skew. */
export const STRICT_TOKEN_RULES: TokenRules = { maxLifetimeSeconds: 86_400, clockSkewSeconds: 0 };

export class SharedSecretTokenVerifier implements TokenVerifier {
  /**
   * The secret imported once as an HMAC key: given the bytes, jose imports them again for every token (half the
   * cost of a verification, and every request verifies one).
   */
  private readonly key: Promise<CryptoKey>;

  constructor(
    secret: string,
    private readonly rules: TokenRules = STRICT_TOKEN_RULES,
  ) {
    this.key = globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  }

  private readonly verified = new VerifiedTokens();

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token, this.rules);
    if (known !== undefined) return known;
    const key = await this.key;
    const payload = await verifyWith(token, this.rules, (options) => jwtVerify(token, key, { ...options, algorithms: [...SHARED_SECRET_ALGORITHMS], issuer: ISSUER }));
    return this.verified.remember(token, payload, actorFrom(payload));
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
    private readonly rules: TokenRules = STRICT_TOKEN_RULES,
  ) {}

  private readonly verified = new VerifiedTokens();

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token, this.rules);
    if (known !== undefined) return known;
    // Refused before the provider's keys are looked for: a malformed or oversized token costs nothing.
    checkShape(token);
    const keys = await this.keySet();
    const payload = await verifyWith(token, this.rules, (options) =>
      jwtVerify(token, keys, {
        ...options,
        algorithms: [...OIDC_ALGORITHMS],
        ...(this.issuer ? { issuer: this.issuer } : {}),
        ...(this.audience ? { audience: this.audience } : {}),
      }),
    );
    return this.verified.remember(token, payload, actorFrom(payload, this.roleClaim));
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

/** Tokens verified lately, kept at most this many (a client sends the same token with every request). */
const VERIFIED_TOKENS = 10_000;

/**
 * The tokens verified lately and whom they name, until they expire: a client sends its token with every request,
 * and verifying it again (an HMAC or a signature through WebCrypto, the claims) was the costliest step of a small
 * request's authentication. Only a token that passed every check is kept, by its whole text; its expiry (with the
 * clock skew allowed) is checked again at each use — the other checks cannot turn false with time (nbf and iat
 * were in the past, exp − now only shrinks).
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { readonly actor: Actor; readonly exp: number }>();

  get(token: string, rules: TokenRules): Actor | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    // As jose: expired once now ≥ exp + tolerance.
    if (Math.floor(Date.now() / 1000) >= entry.exp + rules.clockSkewSeconds) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.actor;
  }

  remember(token: string, payload: JWTPayload, actor: Actor): Actor {
    if (this.entries.size >= VERIFIED_TOKENS) this.entries.clear();
    this.entries.set(token, { actor, exp: payload.exp! });
    return actor;
  }
}

/** A compact JWS of a bounded length: three base64url parts. */
function checkShape(token: string): void {
  if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError(`the token is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new UnauthenticatedError('the token is not valid');
}

async function verifyWith(
  token: string,
  rules: TokenRules,
  verify: (options: Pick<JWTVerifyOptions, 'requiredClaims' | 'clockTolerance'>) => Promise<{ payload: JWTPayload }>,
): Promise<JWTPayload> {
  checkShape(token);
  let payload: JWTPayload;
  try {
    // Not jose's maxTokenAge: it would require iat, which some providers' access tokens leave out.
    ({ payload } = await verify({ requiredClaims: ['exp'], clockTolerance: rules.clockSkewSeconds }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new UnauthenticatedError('the token has expired');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'exp') throw new UnauthenticatedError('the token has no expiry (exp)');
    throw new UnauthenticatedError('the token is not valid');
  }
  checkLifetime(payload, rules);
  return payload;
}

/**
 * exp − iat, and exp − now, at most the lifetime allowed (a token minted to last a year is refused from its
 * first use), and iat not in the future. jose has checked exp and nbf, and that iat, when there, is a number.
 */
function checkLifetime(payload: JWTPayload, rules: TokenRules): void {
  const exp = payload.exp!;
  const now = Math.floor(Date.now() / 1000);
  const iat = payload.iat;
  if (iat !== undefined && iat > now + rules.clockSkewSeconds) throw new UnauthenticatedError('the token was issued in the future (iat)');
  if ((iat !== undefined && exp - iat > rules.maxLifetimeSeconds) || exp - now > rules.maxLifetimeSeconds + rules.clockSkewSeconds) {
    throw new UnauthenticatedError(`the token lives longer than the ${rules.maxLifetimeSeconds} s allowed (TOKEN_MAX_LIFETIME_SECONDS)`);
  }
}

function actorFrom(payload: JWTPayload, roleClaim = 'role'): Actor {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('the token names no subject (sub)');
  // The subject goes into every event the caller writes (its actor): printable, and as long as OIDC allows.
  if (payload.sub.length > 255 || !/^[\x21-\x7e\u00a0-\uffff]+$/.test(payload.sub)) throw new UnauthenticatedError('the token\'s subject (sub) must be 1 to 255 printable characters');
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
