import { InvalidEventStoreInputError } from './event-store.errors';
import { defaultReadModelUrl, openCheckpointStore, parseEventStoreUrl, parseSqlDatabaseUrl, sideDatabaseUrl } from './open-event-store';

describe('parseEventStoreUrl', () => {
  it.each([
    ['sqlite:./data/sales-ops.db', { kind: 'sqlite', path: './data/sales-ops.db' }],
    ['sqlite:/var/lib/sales-ops/store.db', { kind: 'sqlite', path: '/var/lib/sales-ops/store.db' }],
    ['sqlite:///var/lib/store.db', { kind: 'sqlite', path: '/var/lib/store.db' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['postgres://u:p@db:5432/sales', { kind: 'postgres', connectionString: 'postgres://u:p@db:5432/sales', schema: undefined }],
    [
      'postgresql://u@db/sales?schema=ops&sslmode=require',
      { kind: 'postgres', connectionString: 'postgresql://u@db/sales?sslmode=require', schema: 'ops' },
    ],
    ['kurrentdb://db:2113?tls=false', { kind: 'kurrentdb', connectionString: 'kurrentdb://db:2113?tls=false', namespace: '' }],
    ['esdb://db:2113?tls=false&namespace=sales', { kind: 'kurrentdb', connectionString: 'kurrentdb://db:2113?tls=false', namespace: 'sales' }],
  ])('reads %s', (url, target) => {
    expect(parseEventStoreUrl(url)).toEqual(target);
  });

  it.each(['mysql://db', 'sqlite:', 'postgres://[bad', './file.db', 'kurrentdb://', 'esdb://db:2113?namespace=$x'])('refuses %j', (url) => {
    expect(() => parseEventStoreUrl(url)).toThrow(InvalidEventStoreInputError);
  });
});

describe('where what lives beside the events goes', () => {
  const kurrent = 'kurrentdb://db:2113?tls=false';

  it('keeps checkpoints, keys, leases and counts beside SQL events, and in READ_MODEL_URL beside KurrentDB events', () => {
    expect(sideDatabaseUrl('sqlite:./data/s.db', 'sqlite:./data/rm.db')).toBe('sqlite:./data/s.db');
    expect(sideDatabaseUrl('postgres://u@db/sales', undefined)).toBe('postgres://u@db/sales');
    expect(sideDatabaseUrl(kurrent, 'postgres://u@pg/sales?schema=rm')).toBe('postgres://u@pg/sales?schema=rm');
  });

  it.each([
    [() => sideDatabaseUrl(kurrent, undefined), 'READ_MODEL_URL', /is required when EVENT_STORE_URL names KurrentDB/],
    [() => sideDatabaseUrl(kurrent, ''), 'READ_MODEL_URL', /is required/],
    [() => sideDatabaseUrl(kurrent, 'esdb://other:2113'), 'READ_MODEL_URL', /KurrentDB holds events only/],
    [() => defaultReadModelUrl(kurrent), 'READ_MODEL_URL', /is required/],
    [() => parseSqlDatabaseUrl(kurrent), 'READ_MODEL_URL', /KurrentDB holds events only/],
    [() => parseSqlDatabaseUrl('redis://x', 'relay lease database'), 'relay lease database', /must start with sqlite: or postgres:\/\//],
  ])('refuses a KurrentDB URL where a SQL database is needed, naming the variable (%#)', (act, field, reason) => {
    let error: unknown;
    try {
      act();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEventStoreInputError);
    expect((error as InvalidEventStoreInputError).field).toBe(field);
    expect((error as Error).message).toMatch(reason);
  });

  it('opens no checkpoint table in KurrentDB', async () => {
    await expect(openCheckpointStore(kurrent)).rejects.toMatchObject({ field: 'checkpoint database' });
  });
});
