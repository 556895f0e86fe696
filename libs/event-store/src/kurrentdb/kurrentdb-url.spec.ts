import { InvalidEventStoreInputError } from '../event-store.errors';
import { describeKurrentDbTarget, isKurrentDbUrl, parseKurrentDbUrl } from './kurrentdb-url';

describe('parseKurrentDbUrl', () => {
  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'kurrentdb://localhost:2113?tls=false', ''],
    // esdb:// is rewritten: the client would warn on the console (not JSON) about it.
    ['esdb://admin:changeit@db:2113?tls=false', 'kurrentdb://admin:changeit@db:2113?tls=false', ''],
    ['esdb+discover://a:2113,b:2113,c:2113', 'kurrentdb+discover://a:2113,b:2113,c:2113', ''],
    ['kurrentdb://db:2113/?tls=false&namespace=sales-ops/&nodePreference=leader', 'kurrentdb://db:2113?tls=false&nodePreference=leader', 'sales-ops/'],
    ['kurrentdb://db:2113?namespace=tenant.7', 'kurrentdb://db:2113', 'tenant.7'],
  ])('reads %s', (url, connectionString, namespace) => {
    expect(parseKurrentDbUrl(url)).toEqual({ kind: 'kurrentdb', connectionString, namespace });
  });

  it.each([
    ['postgres://db/sales', /must start with kurrentdb:\/\//],
    ['kurrentdb://', /needs a host/],
    ['kurrentdb://?tls=false', /needs a host/],
    ['kurrentdb://db:2113?namespace=$system', /namespace must be/],
    ['kurrentdb://db:2113?namespace=', /namespace must be/],
    ['kurrentdb://db:2113?namespace=a%20b', /namespace must be/],
    ['kurrentdb://db:2113?tls=false&pasword=secret', /does not know: "pasword"/],
    ['kurrentdb://db:2113?throwOnAppendFailure=false', /throwOnAppendFailure=false is not supported/],
    ['kurrentdb://db:2113?%E0%A4%A=1', /malformed %-escape/],
  ])('refuses %s with a typed error naming EVENT_STORE_URL', (url, reason) => {
    const error = (() => {
      try {
        parseKurrentDbUrl(url);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidEventStoreInputError);
    expect((error as InvalidEventStoreInputError).field).toBe('EVENT_STORE_URL');
    expect((error as Error).message).toMatch(reason);
    // A value, a password above all, never appears in the message: only a key's name.
    expect((error as Error).message).not.toMatch(/secret/);
  });

  it('tells KurrentDB URLs from the others', () => {
    expect(['kurrentdb://h', 'esdb://h', 'kurrent+discover://h', 'kdb://h'].map(isKurrentDbUrl)).toEqual([true, true, true, true]);
    expect(['sqlite:./x.db', 'postgres://h/db', 'http://h'].map(isKurrentDbUrl)).toEqual([false, false, false]);
  });

  it('describes the server without its credentials', () => {
    expect(describeKurrentDbTarget('kurrentdb://admin:changeit@db:2113?tls=false')).toBe('db:2113');
    expect(describeKurrentDbTarget('kurrentdb+discover://u:p@a:2113,b:2113')).toBe('a:2113,b:2113');
    expect(describeKurrentDbTarget('nonsense')).toBe('the configured KurrentDB');
  });
});
