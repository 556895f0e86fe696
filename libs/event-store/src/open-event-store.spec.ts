import { InvalidEventStoreInputError } from './event-store.errors';
import { parseEventStoreUrl } from './open-event-store';

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
  ])('reads %s', (url, target) => {
    expect(parseEventStoreUrl(url)).toEqual(target);
  });

  it.each(['mysql://db', 'sqlite:', 'postgres://[bad', './file.db'])('refuses %j', (url) => {
    expect(() => parseEventStoreUrl(url)).toThrow(InvalidEventStoreInputError);
  });
});
