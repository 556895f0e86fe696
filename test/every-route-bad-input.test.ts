/**
 * Every route the API describes, fed what a careless or hostile client sends: garbage bodies, unknown
 * fields, ids that are no ids. Each answer is a 4xx naming the problem; never a 500; nothing is written.
 */
import { startTestApp, type TestApp } from './support/http-app';

const GARBAGE = ['null', '[]', '"text"', '42', 'true', '{"unknown":1}', '{"__proto__":{"polluted":1}}', '{"a":' + '['.repeat(50) + ']'.repeat(50) + '}'];

describe('every route, bad input', () => {
  let app: TestApp;
  let routes: Array<{ method: string; path: string }>;
  let head: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    head = await app.token('head-of-sales', 'rop-1');
    const docs = await app.request('GET', '/docs-json');
    routes = Object.entries(docs.body.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => app.close());

  it('answers garbage bodies on every command route with a 4xx and writes nothing', async () => {
    const posts = routes.filter((route) => route.method === 'POST');
    expect(posts.length).toBeGreaterThan(30);
    const before = (await app.events()).length;
    const failures: string[] = [];
    for (const route of posts) {
      const path = route.path.replace(/\{\w+\}/g, 'some-id');
      for (const body of GARBAGE) {
        const response = await app.request('POST', path, { token: head, body, headers: { 'content-type': 'application/json' } });
        if (response.status < 400 || response.status >= 500 || typeof response.body?.message !== 'string') {
          failures.push(`${route.path} ${body.slice(0, 20)} -> ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await app.events()).length).toBe(before);
  });

  it('refuses an id that is no id in every path, naming the parameter', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((each) => /\{\w+\}/.test(each.path))) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      for (const name of names) {
        const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => (param === name ? 'not%20an%20id' : 'some-id'));
        const response = await app.request(route.method, path, { token: head, body: route.method === 'POST' ? {} : undefined });
        if (response.status !== 400 || response.body?.field !== name) failures.push(`${route.method} ${route.path} (${name}) -> ${response.status} ${response.body?.field}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
