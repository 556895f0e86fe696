/**
 * EVENT_STORE_URL for KurrentDB (EventStoreDB): the client's own connection string, e.g.
 * `kurrentdb://host:2113?tls=false` or `esdb://admin:changeit@host:2113`, plus one parameter of ours,
 * `namespace`, which the client never sees.
 */
import { InvalidEventStoreInputError } from '../event-store.errors';

export interface KurrentDbTarget {
  readonly kind: 'kurrentdb';
  /** What the client is given: `esdb` rewritten to `kurrentdb`, without `namespace`. */
  readonly connectionString: string;
  /**
   * Put before every stream name of this store ('' for none): keeps the streams of several Sales-ops stores, or of
   * Sales-ops and the other services of a shared cluster, apart; each store reads only its own (see kurrentdb-filter.ts).
   */
  readonly namespace: string;
}

/**
 * The client takes kurrentdb://, kurrent:// and kdb:// (with `+discover` for gossip). `esdb` it still takes, with a
 * console.warn: the log stays JSON only if the adapter rewrites it first.
 */
const SCHEME = /^(?<scheme>kurrentdb|kurrent|kdb|esdb)(?<discover>\+discover)?:\/\/(?<rest>.*)$/s;
/** Letters, digits and a few separators: no `$` first (system streams), nothing a server-side regex reads specially unescaped. */
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
/**
 * The client's settings (any case). It warns about another key on the console, quoting the whole connection string
 * — password included — so an unknown key is refused here instead, by its name only.
 */
const CLIENT_SETTINGS = new Set(
  [
    'userCertFile', 'userKeyFile', 'maxDiscoverAttempts', 'connectionName', 'defaultDeadline', 'discoveryInterval', 'gossipTimeout',
    'nodePreference', 'tls', 'tlsVerifyCert', 'tlsCAFile', 'throwOnAppendFailure', 'keepAliveInterval', 'keepAliveTimeout',
  ].map((key) => key.toLowerCase()),
);

export function isKurrentDbUrl(url: string): boolean {
  return SCHEME.test(url);
}

export function parseKurrentDbUrl(url: string, field = 'EVENT_STORE_URL'): KurrentDbTarget {
  const match = SCHEME.exec(url);
  if (!match) throw new InvalidEventStoreInputError(field, 'must start with kurrentdb:// (or esdb://)');
  const { discover = '', rest = '' } = match.groups!;
  const queryAt = rest.indexOf('?');
  const authority = (queryAt === -1 ? rest : rest.slice(0, queryAt)).replace(/\/+$/, '');
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  if (hosts === '' || hosts.split(',').some((host) => !/^[^\s/:@]+(:\d{1,5})?$/.test(host))) {
    throw new InvalidEventStoreInputError(field, 'needs a host, e.g. kurrentdb://localhost:2113?tls=false');
  }
  // The query is passed on as written (the client decodes its own values); only `namespace` is taken out.
  const pairs = (queryAt === -1 ? '' : rest.slice(queryAt + 1)).split('&').filter((pair) => pair !== '');
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new InvalidEventStoreInputError(field, 'has a malformed %-escape in its settings');
    }
  };
  const keyOf = (pair: string): string => decode(pair.split('=')[0]!);
  const namespacePair = pairs.find((pair) => keyOf(pair) === 'namespace');
  const namespace = namespacePair === undefined ? '' : decode(namespacePair.slice(namespacePair.indexOf('=') + 1));
  if (namespacePair !== undefined && !NAMESPACE.test(namespace)) {
    throw new InvalidEventStoreInputError(
      field,
      'namespace must be 1 to 64 letters, digits or . _ : / -, starting with a letter or digit (it prefixes every stream name)',
    );
  }
  const passed = pairs.filter((pair) => keyOf(pair) !== 'namespace');
  for (const pair of passed) {
    const key = keyOf(pair);
    if (!CLIENT_SETTINGS.has(key.toLowerCase())) {
      throw new InvalidEventStoreInputError(field, `has a setting the KurrentDB client does not know: "${key}" (namespace is the only one of Sales-ops)`);
    }
    if (key.toLowerCase() === 'throwonappendfailure' && /=\s*false\s*$/i.test(pair)) {
      // The adapter relies on the client throwing WrongExpectedVersionError rather than answering success: false.
      throw new InvalidEventStoreInputError(field, 'throwOnAppendFailure=false is not supported: Sales-ops needs a failed append to throw');
    }
  }
  const parameters = passed.join('&');
  return {
    kind: 'kurrentdb',
    connectionString: `kurrentdb${discover}://${authority}${parameters === '' ? '' : `?${parameters}`}`,
    namespace,
  };
}

/** host:port (every node of a cluster) of a connection string, without user or password: for messages and logs. */
export function describeKurrentDbTarget(connectionString: string): string {
  const match = SCHEME.exec(connectionString);
  if (!match) return 'the configured KurrentDB';
  const rest = match.groups!.rest ?? '';
  const authority = rest.split('?')[0]!;
  return authority.slice(authority.lastIndexOf('@') + 1) || 'the configured KurrentDB';
}
