/**
 * The KurrentDB suite's runner, where there is no KurrentDB: `npm run test:kurrentdb` fails in its global setup with
 * one message saying why, and `npm test` ends with one loud line saying the suite did not run. No server is needed.
 */
import { setUpKurrentDb } from './kurrentdb-global-setup';
import { findKurrentDbServer, kurrentDbNotRunLine, probeKurrentDb, type KurrentDbServer } from './kurrentdb-server';

const noDocker = () => Promise.reject(new Error('Could not find a working container runtime strategy'));

describe('finding a KurrentDB for the KurrentDB suite', () => {
  const before = process.env.SALES_OPS_TEST_KURRENTDB_URL;
  afterEach(() => {
    if (before === undefined) delete process.env.SALES_OPS_TEST_KURRENTDB_URL;
    else process.env.SALES_OPS_TEST_KURRENTDB_URL = before;
  });

  it('fails the run before any test, with one clear message, when neither KURRENTDB_URL nor a Docker engine is there', async () => {
    delete process.env.SALES_OPS_TEST_KURRENTDB_URL;
    const error = await setUpKurrentDb({ env: {}, dockerEngine: noDocker }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(
      /^the KurrentDB suite did not run: KURRENTDB_URL is not set and no Docker engine answers for testcontainers \(Could not find a working container runtime strategy\)\. Set KURRENTDB_URL to .* or start a Docker engine/,
    );
    expect(error?.message.split('\n')).toHaveLength(1);
    expect(process.env.SALES_OPS_TEST_KURRENTDB_URL).toBeUndefined();
  });

  it('fails as clearly when KURRENTDB_URL is not a KurrentDB URL, or its server does not answer', async () => {
    await expect(findKurrentDbServer({ env: { KURRENTDB_URL: 'postgres://db/sales' }, dockerEngine: noDocker })).rejects.toThrow(
      /did not run: KURRENTDB_URL must start with kurrentdb:\/\//,
    );
    // A real client against a port nothing listens on.
    await expect(findKurrentDbServer({ env: { KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false' }, dockerEngine: noDocker })).rejects.toThrow(
      /did not run: the KurrentDB of KURRENTDB_URL does not answer/,
    );
  });

  it('takes KURRENTDB_URL first, then a container where a Docker engine answers', async () => {
    const fromEnv = await findKurrentDbServer({
      env: { KURRENTDB_URL: 'esdb://db:2113?tls=false', KURRENTDB_MAX_APPEND_SIZE: '8388608' },
      answers: async () => undefined,
      dockerEngine: () => Promise.reject(new Error('not asked')),
    });
    expect(fromEnv).toMatchObject({ url: 'kurrentdb://db:2113?tls=false', source: 'KURRENTDB_URL', maxAppendBytes: 8_388_608 });
    const container: KurrentDbServer = { url: 'kurrentdb://localhost:32768?tls=false', source: 'testcontainers', maxAppendBytes: 1, stop: async () => undefined };
    await expect(findKurrentDbServer({ env: {}, dockerEngine: async () => ({}), startContainer: async () => container })).resolves.toBe(container);
    await expect(
      findKurrentDbServer({ env: {}, dockerEngine: async () => ({}), startContainer: () => Promise.reject(new Error('pull access denied')) }),
    ).rejects.toThrow(/did not run: the docker\.kurrent\.io\/kurrent-latest\/kurrentdb:latest container did not start \(pull access denied\)/);
  });

  it('lets npm test say, in one loud line, that the suite did not run and why', async () => {
    const unreachable = await probeKurrentDb({ env: {}, dockerEngine: noDocker });
    expect(unreachable).toEqual({ reachable: false, why: 'KURRENTDB_URL is not set and no Docker engine answers (Could not find a working container runtime strategy)' });
    expect(kurrentDbNotRunLine(unreachable)).toBe(
      '!!! KURRENTDB SUITE NOT RUN (not counted as passed): KURRENTDB_URL is not set and no Docker engine answers (Could not find a working container runtime strategy); `npm run test:kurrentdb` fails here for that reason',
    );
    const reachable = await probeKurrentDb({ env: { KURRENTDB_URL: 'kurrentdb://db:2113' }, dockerEngine: noDocker });
    expect(kurrentDbNotRunLine(reachable)).toMatch(/^!!! the KurrentDB suite is not in this Jest run's count: KURRENTDB_URL is set, so `npm test` ran it before Jest, apart/);
    expect(await probeKurrentDb({ env: {}, dockerEngine: async () => ({}) })).toEqual({ reachable: true, why: 'a Docker engine answers (testcontainers)' });
  });
});
