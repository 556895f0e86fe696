/** Both token verifiers, against real signatures: HS256 with a shared secret, and RS256 from a JWKS served locally. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { OidcTokenVerifier, SharedSecretTokenVerifier, UnauthenticatedError, roleFromClaims, signToken } from './token-verifier';

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
});

describe('OidcTokenVerifier', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: { sub: string; role: string }, options?: { issuer?: string; audience?: string }) => Promise<string>;
  let signClaims: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
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
