/**
 * A real OpenID Connect provider (panva's oidc-provider, ESM-only) for the sign-in tests, run as a child
 * process so Jest's module system never loads it. Argument: JSON
 *   { redirectUris: string[], accounts: { [id]: claims }, apiAudience: string,
 *     webClientId: string, serviceClient: { id, secret, role } }
 * It listens on 127.0.0.1 on a free port and prints one line of JSON, { "issuer": "http://127.0.0.1:<port>" }.
 *
 * - the web client is public (token_endpoint_auth_method none) with PKCE required, authorization code only;
 * - accounts sign in through the built-in development login form (any password) and consent form;
 *   findAccount returns their claims, and the ID token carries them (conformIdTokenClaims off), `role` among them;
 * - the service client gets JWT access tokens for `apiAudience` by client credentials, with its `role` claim.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2]);
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
// Each step to stderr, so that a provider that does not start says where it stood.
process.stderr.write(`oidc-provider-child: listening at ${issuer}, making its signing key\n`);
const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

process.stderr.write('oidc-provider-child: key made, configuring the provider\n');
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.webClientId,
      redirect_uris: options.redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
    },
    {
      client_id: options.serviceClient.id,
      client_secret: options.serviceClient.secret,
      redirect_uris: [],
      response_types: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'role'] },
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const claims = options.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (_ctx, client) => (client.clientId === options.serviceClient.id ? options.apiAudience : undefined),
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'api', audience: options.apiAudience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  extraTokenClaims: (_ctx, token) => (token.clientId === options.serviceClient.id ? { role: options.serviceClient.role } : undefined),
});
// Its warnings about development-only features are expected here.
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
