/** One-time sign-in codes against real signatures: valid once, then used; expired, forged, another secret, older than the process. */
import { SignJWT } from 'jose';
import { SignInCodeError, SignInCodes, mintSignInCode, signInLink } from './sign-in-code';
import { purposeKey } from './purpose-key';
import { signToken } from '../auth/token-verifier';

const secret = 'the-embedded-defaults-jwt-secret-of-32+-chars';
const started = Date.parse('2027-01-15T09:00:00.000Z');

function codesAt(clock: { now: number }, ttlSeconds = 900): SignInCodes {
  return new SignInCodes(secret, ttlSeconds, () => clock.now);
}

async function refusal(codes: SignInCodes, code: string): Promise<SignInCodeError> {
  const error = await codes.redeem(code).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SignInCodeError);
  return error as SignInCodeError;
}

describe('sign-in codes', () => {
  it('signs in once: a second use is refused with a sentence', async () => {
    const clock = { now: started };
    const codes = codesAt(clock);
    const code = await codes.mint();
    await expect(codes.redeem(code)).resolves.toBeUndefined();
    const error = await refusal(codes, code);
    expect(error.code).toBe('sign-in-code-used');
    expect(error.message).toMatch(/used already.*npm run -s sign-in-link/);
  });

  it('lets in two racing requests with one code only once', async () => {
    const codes = codesAt({ now: started });
    const code = await codes.mint();
    const outcomes = await Promise.allSettled([codes.redeem(code), codes.redeem(code), codes.redeem(code)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });

  it('accepts a code the CLI mints with the same secret, and refuses it after its ttl', async () => {
    const clock = { now: started };
    const codes = codesAt(clock);
    clock.now += 60_000;
    const code = await mintSignInCode(secret, 120, clock.now);
    clock.now += 121_000;
    expect((await refusal(codes, code)).code).toBe('sign-in-code-expired');
    const fresh = await mintSignInCode(secret, 120, clock.now);
    await expect(codes.redeem(fresh)).resolves.toBeUndefined();
  });

  it('expires after SIGN_IN_CODE_TTL_SECONDS', async () => {
    const clock = { now: started };
    const codes = codesAt(clock, 900);
    const code = await codes.mint();
    clock.now += 899_000;
    const other = await codes.mint();
    clock.now += 2_000;
    expect((await refusal(codes, code)).code).toBe('sign-in-code-expired');
    await expect(codes.redeem(other)).resolves.toBeUndefined();
  });

  it('refuses a code of another secret, a forged or altered one, and a bearer token', async () => {
    const codes = codesAt({ now: started });
    const other = await mintSignInCode('another-secret-of-at-least-thirty-two-characters', 900, started);
    expect((await refusal(codes, other)).code).toBe('sign-in-code-invalid');
    const genuine = await codes.mint();
    const [header, payload] = genuine.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: 9_999_999_999 })).toString('base64url')}.${genuine.split('.')[2]}`;
    expect((await refusal(codes, altered)).code).toBe('sign-in-code-invalid');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'sales-ops-sign-in+jwt' })).toString('base64url')}.${payload}.`;
    expect((await refusal(codes, unsigned)).code).toBe('sign-in-code-invalid');
    // A bearer token of the same secret is no sign-in code, nor is a code signed with the secret itself.
    expect((await refusal(codes, await signToken(secret, { userId: 'rop-1', role: 'head-of-sales' }))).code).toBe('sign-in-code-invalid');
    const rawKey = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'sales-ops-sign-in+jwt' }).setJti('x').setIssuedAt(started / 1000).setExpirationTime(started / 1000 + 900).sign(new TextEncoder().encode(secret));
    expect((await refusal(codes, rawKey)).code).toBe('sign-in-code-invalid');
    // Right key, wrong kind of token.
    const untyped = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setJti('x').setIssuedAt(started / 1000).setExpirationTime(started / 1000 + 900).sign(purposeKey(secret, 'sign-in code'));
    expect((await refusal(codes, untyped)).code).toBe('sign-in-code-invalid');
    expect((await refusal(codes, 'not-a-code')).code).toBe('sign-in-code-invalid');
  });

  it('refuses a code minted before the process started, so a restart does not revive a used link', async () => {
    const before = await mintSignInCode(secret, 900, started - 5_000);
    const codes = codesAt({ now: started });
    const error = await refusal(codes, before);
    expect(error.code).toBe('sign-in-code-stale');
    expect(error.message).toMatch(/before the app last started/);
  });

  it('forgets used ids once their codes have expired', async () => {
    const clock = { now: started };
    const codes = codesAt(clock, 60);
    for (let i = 0; i < 5; i++) await codes.redeem(await codes.mint());
    clock.now += 61_000;
    await codes.redeem(await codes.mint());
    expect((codes as unknown as { used: Map<string, number> }).used.size).toBe(1);
  });

  it('makes the link the page at / redeems', () => {
    expect(signInLink('http://localhost:3000', 'a.b-c_d')).toBe('http://localhost:3000/?code=a.b-c_d');
  });
});
