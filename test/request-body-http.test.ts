/**
 * Bodies are read after the guards: a caller without a valid token (or over its rate limit) is refused
 * before the app parses what it sent; a caller with one gets 400 `invalid-body` for malformed JSON and 413
 * `body-too-large` past 10 MB. CSV imports (text/csv) are read the same way.
 */
import { startTestApp, type TestApp } from './support/http-app';

describe('request bodies', () => {
  let app: TestApp;
  let ivan: string;
  beforeAll(async () => {
    app = await startTestApp('sqlite');
    ivan = await app.token('lead-generator', 'lg-ivan');
  });
  afterAll(() => app.close());

  const post = (token: string | undefined, body: string, type = 'application/json') =>
    app.request('POST', '/leads', { token, body, headers: { 'content-type': type } });

  it('are not parsed for a caller the guards refuse', async () => {
    expect(await post(undefined, '{"company":')).toMatchObject({ status: 401, body: { code: 'no-token' } });
    expect(await post('forged', '{"company":')).toMatchObject({ status: 401, body: { code: 'bad-token' } });
    expect(await post(await app.token('analyst', 'an-1'), '{"company":')).toMatchObject({ status: 403, body: { code: 'role-not-allowed' } });
    const huge = `{"padding":"${'x'.repeat(11 * 1024 * 1024)}"}`;
    expect(await post(undefined, huge)).toMatchObject({ status: 401, body: { code: 'no-token' } });
  });

  it('are refused with 400 naming the body when malformed, 413 when over 10 MB', async () => {
    expect(await post(ivan, '{"company":')).toMatchObject({ status: 400, body: { code: 'invalid-body', field: 'body', message: expect.stringContaining('the body is not valid JSON') } });
    const huge = `{"padding":"${'x'.repeat(11 * 1024 * 1024)}"}`;
    expect(await post(ivan, huge)).toMatchObject({ status: 413, body: { code: 'body-too-large', message: 'the body is larger than 10 MB' } });
    expect(await app.events()).toEqual([]);
  });

  it('are read as JSON or, for imports, as CSV', async () => {
    const captured = await post(ivan, JSON.stringify({ company: { name: 'ООО «Ромашка»' } }));
    expect(captured.status).toBe(201);
    const imported = await app.request('POST', '/leads/import', {
      token: ivan,
      body: 'company,taxId,contactName,email,phone,estimatedValue,currency\nООО «Ландыш»,,,lan@example.ru,,,\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported).toMatchObject({ status: 200, body: { imported: 1 } });
  });
});
