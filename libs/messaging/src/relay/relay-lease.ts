/**
 * Who relays: one process at a time per store. On PostgreSQL the relay holds a session advisory lock on a
 * connection of its own for as long as it runs; when that process dies, its connection closes, the lock
 * goes with it and another instance's next try takes it over (from the checkpoint). The embedded SQLite
 * store serves one process, whose relay always holds the lease.
 *
 * The lease lives in the database of the relay's checkpoint: the store's own on SQLite and PostgreSQL, READ_MODEL_URL's
 * for a store on KurrentDB (sideDatabaseUrl) — on PostgreSQL there it is shared by every instance, as it must be.
 */
import pg from 'pg';
import { parseSqlDatabaseUrl } from '#libs/event-store';

export interface RelayLease {
  /** True once this process holds the lease; false while another one does. */
  tryAcquire(): Promise<boolean>;
  /** False once a held lease was lost (its connection broke): stop relaying and try again. */
  readonly held: boolean;
  release(): Promise<void>;
}

/** `databaseUrl`: sideDatabaseUrl(EVENT_STORE_URL, READ_MODEL_URL), where the relay's checkpoint is. */
export function openRelayLease(databaseUrl: string, name: string): RelayLease {
  const target = parseSqlDatabaseUrl(databaseUrl, 'relay lease database');
  if (target.kind === 'sqlite') return new LocalLease();
  return new AdvisoryLockLease(target.connectionString, `sales-ops:${name}:${target.schema ?? 'public'}`);
}

class LocalLease implements RelayLease {
  held = false;

  async tryAcquire(): Promise<boolean> {
    this.held = true;
    return true;
  }

  async release(): Promise<void> {
    this.held = false;
  }
}

class AdvisoryLockLease implements RelayLease {
  private client: pg.Client | undefined;
  held = false;

  constructor(
    private readonly connectionString: string,
    private readonly key: string,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = new pg.Client({ connectionString: this.connectionString });
    const lost = (): void => {
      if (this.client === client) {
        this.held = false;
        this.client = undefined;
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.key]);
      if (rows[0]?.locked) {
        this.client = client;
        this.held = true;
        return true;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    return false;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    // Closing the session releases its advisory locks.
    await client?.end().catch(() => undefined);
  }
}
