/** Both token verifiers, against real signatures: HS256 with a shared secret, and RS256 from a JWKS served locally. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey } from 'node:crypto';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { MAX_TOKEN_LENGTH, OidcTokenVerifier, SharedSecretTokenVerifier, UnauthenticatedError, roleFromClaims, signToken } from './token-verifier';

const now = () => Math.floor(Date.now() / 1000);

describe('SharedSecretTokenVerifier', () => {
  const secret = 'a-shared-secret-of-at-least-thirty-two-chars';

  it('reads the rep id and role of a token it signed', async () => {
    const token = await signToken(secret, { userId: 'h-anna', role: 'hunter' });
    await expect(new SharedSecretTokenVerifier(secret).verify(token)).resolves.toEqual({ userId: 'h-anna', role: 'hunter' });
  });

  it('refuses another secret, an expired token and an unknown role', async () => {
    const verifier = new SharedSecretTokenVerifier(secret);
    await expect(verifier.verify(await signToken('another-secret-of-thirty-two-characters!', { userId: 'x', role: 'hunter' }))).rejects.toThrow('not valid');
    await expect(verifier.verify(await signToken(secret, { userId: 'x', role: 'hunter' }, Math.floor(Date.now() / 1000) - 10))).rejects.toThrow('expired');
    const unknownRole = await new SignJWT({ role: 'boss' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('sales-ops').setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(unknownRole)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  const key = new TextEncoder().encode(secret);
  const claims = (extra: Record<string, unknown> = {}) => new SignJWT({ role: 'hunter', ...extra }).setSubject('h-anna').setIssuer('sales-ops');

  it('takes HS256 alone: no alg none, no other HMAC, no public-key signature', async () => {
    const verifier = new SharedSecretTokenVerifier(secret);
    const unsigned = new UnsecuredJWT({ role: 'head-of-sales' }).setSubject('x').setIssuer('sales-ops').setIssuedAt().setExpirationTime('1h').encode();
    await expect(verifier.verify(unsigned)).rejects.toThrow('not valid');
    for (const alg of ['HS384', 'HS512']) {
      await expect(verifier.verify(await claims().setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('1h').sign(key))).rejects.toThrow('not valid');
    }
    const { privateKey } = await generateKeyPair('RS256');
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'RS256' }).setIssuedAt().setExpirationTime('1h').sign(privateKey))).rejects.toThrow('not valid');
    // The same claims with HS256 pass: what is refused above is the algorithm.
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key))).resolves.toEqual({ userId: 'h-anna', role: 'hunter' });
  });

  it('requires an expiry, and a lifetime of at most maxLifetimeSeconds, with or without iat', async () => {
    const verifier = new SharedSecretTokenVerifier(secret, { maxLifetimeSeconds: 3600, clockSkewSeconds: 0 });
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key))).rejects.toThrow('no expiry (exp)');
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(key))).rejects.toThrow('lives longer than the 3600 s allowed');
    // No iat: what is left of its life counts.
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key))).rejects.toThrow('lives longer');
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setExpirationTime('50m').sign(key))).resolves.toMatchObject({ userId: 'h-anna' });
    // Issued two hours ago for three: its remaining hour fits, its lifetime does not.
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now() - 7200).setExpirationTime(now() + 3600).sign(key))).rejects.toThrow('lives longer');
    await expect(verifier.verify(await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key))).resolves.toMatchObject({ userId: 'h-anna' });
  });

  it('allows clocks to disagree by clockSkewSeconds, no more, on exp, nbf and iat', async () => {
    const verifier = new SharedSecretTokenVerifier(secret, { maxLifetimeSeconds: 3600, clockSkewSeconds: 30 });
    const sign = (iat: number, exp: number, nbf?: number) => {
      const jwt = claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt(iat).setExpirationTime(exp);
      return (nbf === undefined ? jwt : jwt.setNotBefore(nbf)).sign(key);
    };
    await expect(verifier.verify(await sign(now() - 600, now() - 10))).resolves.toMatchObject({ userId: 'h-anna' });
    await expect(verifier.verify(await sign(now() - 600, now() - 60))).rejects.toThrow('expired');
    await expect(verifier.verify(await sign(now() + 10, now() + 600))).resolves.toMatchObject({ userId: 'h-anna' });
    await expect(verifier.verify(await sign(now() + 120, now() + 600))).rejects.toThrow('issued in the future');
    await expect(verifier.verify(await sign(now(), now() + 600, now() + 120))).rejects.toThrow('not valid');
  });

  it('refuses an oversized token, or one whose subject is no id, before trusting it', async () => {
    const verifier = new SharedSecretTokenVerifier(secret);
    const huge = await claims({ padding: 'x'.repeat(MAX_TOKEN_LENGTH) }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key);
    await expect(verifier.verify(huge)).rejects.toThrow(`longer than ${MAX_TOKEN_LENGTH} characters`);
    await expect(verifier.verify('not.a-token')).rejects.toThrow('not valid');
    const longSub = await claims().setSubject('x'.repeat(256)).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key);
    await expect(verifier.verify(longSub)).rejects.toThrow('subject (sub) must be 1 to 255 printable characters');
    const spacedSub = await claims().setSubject('rop 1\n').setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key);
    await expect(verifier.verify(spacedSub)).rejects.toThrow('subject (sub)');
  });
});

describe('OidcTokenVerifier', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: { sub: string; role: string }, options?: { issuer?: string; audience?: string }) => Promise<string>;
  let signClaims: (claims: Record<string, unknown>) => Promise<string>;
  let providerKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwksWithSecretUrl: string;
  const sharedKey = new TextEncoder().encode('a-symmetric-key-a-provider-should-never-publish');

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    providerKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    // A JWKS that (wrongly) also publishes a symmetric key: an HMAC token keyed with it must still fail.
    const octJwk = { kty: 'oct', k: Buffer.from(sharedKey).toString('base64url'), kid: 'shared', alg: 'HS256', use: 'sig' };
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: request.url === '/jwks-with-secret' ? [jwk, octJwk] : [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    jwksWithSecretUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks-with-secret`;
    sign = (claims, options = {}) => {
      let jwt = new SignJWT({ role: claims.role }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject(claims.sub).setExpirationTime('1h');
      if (options.issuer) jwt = jwt.setIssuer(options.issuer);
      if (options.audience) jwt = jwt.setAudience(options.audience);
      return jwt.sign(privateKey);
    };
    signClaims = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setExpirationTime('1h').sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a token signed by the provider, checking issuer and audience', async () => {
    const verifier = new OidcTokenVerifier(jwksUrl, 'https://id.example', 'sales-ops');
    const token = await sign({ sub: 'kam-kate', role: 'kam' }, { issuer: 'https://id.example', audience: 'sales-ops' });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'kam-kate', role: 'kam' });
    await expect(verifier.verify(await sign({ sub: 'x', role: 'kam' }, { issuer: 'https://evil.example', audience: 'sales-ops' }))).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifier.verify(await sign({ sub: 'x', role: 'kam' }, { issuer: 'https://id.example', audience: 'other' }))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ role: 'head-of-sales' }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('x').setExpirationTime('1h').sign(privateKey);
    await expect(new OidcTokenVerifier(jwksUrl).verify(forged)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('takes only public-key algorithms: no HS256 keyed with the provider’s public key, no alg none, and an expiry', async () => {
    const verifier = new OidcTokenVerifier(jwksUrl, 'https://id.example', 'sales-ops');
    const jwks = (await (await fetch(jwksUrl)).json()) as { keys: Array<Record<string, string>> };
    // The classic confusion: the provider's public key, as text anyone can fetch, used as an HMAC secret.
    const publicPem = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    const confused = await new SignJWT({ role: 'head-of-sales' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setSubject('x')
      .setIssuer('https://id.example')
      .setAudience('sales-ops')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(publicPem));
    await expect(verifier.verify(confused)).rejects.toThrow('not valid');
    // Even a symmetric key the JWKS holds signs nothing here (jose takes no HMAC from a key set; the verifier pins
    // the public-key algorithms besides).
    const hmac = await new SignJWT({ role: 'head-of-sales' }).setProtectedHeader({ alg: 'HS256', kid: 'shared' }).setSubject('x').setIssuedAt().setExpirationTime('1h').sign(sharedKey);
    await expect(new OidcTokenVerifier(jwksWithSecretUrl).verify(hmac)).rejects.toThrow('not valid');
    await expect(new OidcTokenVerifier(jwksWithSecretUrl).verify(await sign({ sub: 'kam-kate', role: 'kam' }))).resolves.toMatchObject({ userId: 'kam-kate' });
    const unsigned = new UnsecuredJWT({ role: 'head-of-sales' }).setSubject('x').setIssuer('https://id.example').setAudience('sales-ops').setExpirationTime('1h').encode();
    await expect(verifier.verify(unsigned)).rejects.toThrow('not valid');
    const withoutExp = await new SignJWT({ role: 'kam' }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('x').sign(providerKey);
    await expect(new OidcTokenVerifier(jwksUrl).verify(withoutExp)).rejects.toThrow('no expiry (exp)');
    const tooLong = await new SignJWT({ role: 'kam' }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('x').setIssuedAt().setExpirationTime('30d').sign(providerKey);
    await expect(new OidcTokenVerifier(jwksUrl).verify(tooLong)).rejects.toThrow('lives longer');
  });

  it('reads the role from the claim OIDC_ROLE_CLAIM names', async () => {
    const verifier = new OidcTokenVerifier(jwksUrl, undefined, undefined, 'https://sales.example.com/roles');
    await expect(verifier.verify(await signClaims({ sub: 'f-fedor', 'https://sales.example.com/roles': ['offline_access', 'farmer'] }))).resolves.toEqual({ userId: 'f-fedor', role: 'farmer' });
    await expect(verifier.verify(await signClaims({ sub: 'f-fedor', role: 'farmer' }))).rejects.toThrow('role claim https://sales.example.com/roles must be one of');
  });

  it('finds the JWKS through discovery, asking again after a failure', async () => {
    let calls = 0;
    const verifier = new OidcTokenVerifier(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection refused');
      return jwksUrl;
    });
    const token = await sign({ sub: 'kam-kate', role: 'kam' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 503 });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'kam-kate', role: 'kam' });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'kam-kate', role: 'kam' });
    expect(calls).toBe(2);
  });
});

describe('roleFromClaims', () => {
  it('takes a role id, or the one role id in a list', () => {
    expect(roleFromClaims({ role: 'hunter' }, 'role')).toBe('hunter');
    expect(roleFromClaims({ roles: ['default-roles', 'closer'] }, 'roles')).toBe('closer');
    expect(roleFromClaims({ roles: ['closer', 'closer'] }, 'roles')).toBe('closer');
  });

  it('names none for a missing, unknown or ambiguous claim', () => {
    expect(roleFromClaims({}, 'role')).toBeUndefined();
    expect(roleFromClaims({ role: 'boss' }, 'role')).toBeUndefined();
    expect(roleFromClaims({ roles: ['hunter', 'farmer'] }, 'roles')).toBeUndefined();
    expect(roleFromClaims({ role: { name: 'hunter' } }, 'role')).toBeUndefined();
    expect(roleFromClaims({}, 'constructor')).toBeUndefined();
  });
});

describe('SharedSecretTokenVerifier, tokens it verified lately', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token from memory until the token expires, then refuses it', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters!!';
    const verifier = new SharedSecretTokenVerifier(secret);
    const expiresAt = Math.floor(Date.now() / 1000) + 60;
    const token = await signToken(secret, { userId: 'h-anna', role: 'hunter' }, expiresAt);
    expect(await verifier.verify(token)).toEqual({ userId: 'h-anna', role: 'hunter' });
    expect(await verifier.verify(token)).toEqual({ userId: 'h-anna', role: 'hunter' });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'] });
    jest.setSystemTime(expiresAt * 1000);
    await expect(verifier.verify(token)).rejects.toThrow('expired');
    jest.setSystemTime((expiresAt - 30) * 1000);
    // Verified afresh (it was forgotten when found expired), and valid again at that time.
    expect(await verifier.verify(token)).toEqual({ userId: 'h-anna', role: 'hunter' });
    // A token differing in one character is verified, not found.
    await expect(verifier.verify(`${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`)).rejects.toThrow('not valid');
  });
});
