/**
 * The data subjects' keys, as the store uses them: created on a subject's first personal field, unwrapped with
 * the master key and cached, destroyed by an erasure. Also the lookup key: the HMAC key with which duplicate
 * detection matches tax ids, e-mails and phones without keeping them.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomBytesFromPool } from '../random-pool';
import { base64urlOf } from './personal-data-envelope';
import { PersonalDataErasedError, PersonalDataKeysError } from '../event-store.errors';
import type { SubjectKeyRow, SubjectKeyTable } from './key-table';

/** A key's state as a reader needs it: the key, or erased; undefined: the subject never had personal data. */
export type SubjectKeyState = Buffer | 'erased' | undefined;

const CHECK_META = 'master-key-check';
const LOOKUP_META = 'lookup-key';
const CHECK_LABEL = 'sales-ops personal-data master key check v1';
/** How long an unwrapped key is trusted without asking the table (an erasure elsewhere is seen sooner: see erasures). */
const KEY_CACHE_MS = 30_000;
const KEY_CACHE_SIZE = 20_000;
/** Key creations sent at once (the key table's PostgreSQL pool holds 4); more wait and go together. */
const CREATIONS_IN_FLIGHT = 4;
/** How often the erasures of other processes are looked for, at most. */
const ERASURE_POLL_MS = 500;

/** A master key: 32 bytes, given as base64 / base64url (44 or 43 characters) or hex (64). */
export function parseMasterKey(text: string, variable = 'PRIVACY_MASTER_KEY'): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_=-]+$/.test(trimmed)) {
    throw new PersonalDataKeysError(`${variable} must be 32 random bytes, as base64 (44 characters) or hex (64); generate one with: openssl rand -base64 32`);
  }
  return key;
}

export function wrapKey(master: Buffer, key: Buffer): string {
  const iv = randomBytesFromPool(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  const body = cipher.update(key);
  cipher.final();
  return base64urlOf(iv, body, cipher.getAuthTag());
}

export function unwrapKey(master: Buffer, wrapped: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', master, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
}

const checkValue = (master: Buffer): string => createHmac('sha256', master).update(CHECK_LABEL).digest('base64url');

/**
 * Re-wraps every subject's key (and the lookup key) from the old master key to the new one, in one transaction,
 * without touching an event; returns how many subject keys it re-wrapped. Refuses an old key that does not open them.
 */
export async function rotateMasterKey(table: SubjectKeyTable, oldMaster: Buffer, newMaster: Buffer): Promise<number> {
  const stored = await table.meta(CHECK_META);
  if (stored === undefined) throw new PersonalDataKeysError('the store has no personal-data keys yet: nothing to rotate (start it once with the new key instead)');
  if (stored !== checkValue(oldMaster)) throw new PersonalDataKeysError('the current master key does not open this store\'s personal-data keys: nothing was changed');
  const rewrap = (wrapped: string): string => wrapKey(newMaster, unwrapKey(oldMaster, wrapped));
  const meta = new Map([
    [LOOKUP_META, rewrap((await table.meta(LOOKUP_META))!)],
    [CHECK_META, checkValue(newMaster)],
  ]);
  return table.rewrap(rewrap, meta);
}

export interface OpenSubjectKeysOptions {
  /** Whether the store already holds sealed personal data: a table without keys is then a lost one. */
  readonly storeHoldsPersonalData: () => Promise<boolean>;
  readonly now?: () => number;
}

export class SubjectKeys {
  private readonly cache = new Map<string, { key: Buffer | 'erased'; at: number }>();
  private readonly erased = new Set<string>();
  private readonly owners = new Map<string, string>();
  private erasuresSeenUntil = 0;
  private lastPoll = 0;
  private polling: Promise<void> | undefined;
  /** Keys asked for while every creation slot is busy: created together by the next one (group commit). */
  private readonly creating = new Map<string, Array<{ resolve: (row: SubjectKeyRow) => void; reject: (error: Error) => void }>>();
  /** Creations asked for and not yet answered, by subject: a second ask waits for the first. */
  private readonly pendingCreations = new Map<string, Promise<SubjectKeyRow>>();
  private creationsInFlight = 0;

  private constructor(
    private readonly table: SubjectKeyTable,
    private readonly master: Buffer,
    private readonly lookupKey: Buffer,
    private readonly now: () => number,
  ) {}

  /**
   * Checks the master key against the table (a wrong one stops the start, before anything is written), and a
   * table that lost its keys against the store; then loads which subjects are erased.
   */
  static async open(table: SubjectKeyTable, master: Buffer, options: OpenSubjectKeysOptions): Promise<SubjectKeys> {
    const now = options.now ?? Date.now;
    const check = await table.meta(CHECK_META);
    if (check === undefined) {
      if (await options.storeHoldsPersonalData()) {
        throw new PersonalDataKeysError(
          'the store holds encrypted personal data but its key table (privacy_keys, privacy_meta) is missing or empty: ' +
            'restore it from the backup taken with the events; starting would make that data unreadable',
        );
      }
      await table.putMetaIfAbsent(LOOKUP_META, wrapKey(master, randomBytes(32)));
      await table.putMetaIfAbsent(CHECK_META, checkValue(master));
    }
    const stored = (await table.meta(CHECK_META))!;
    const expected = checkValue(master);
    if (stored.length !== expected.length || !timingSafeEqual(Buffer.from(stored), Buffer.from(expected))) {
      throw new PersonalDataKeysError(
        'PRIVACY_MASTER_KEY does not open this store\'s personal-data keys: it is not the key they were wrapped with ' +
          '(set the right one; to change keys, run `sales-ops rotate-master-key --new-key-file <file>` with the old one set)',
      );
    }
    const lookup = unwrapKey(master, (await table.meta(LOOKUP_META))!);
    const keys = new SubjectKeys(table, master, lookup, now);
    await keys.pollErasures(true);
    return keys;
  }

  /** A subject's key, created when it has none; refused (PersonalDataErasedError) when erased. */
  async keyForWriting(subjectId: string, field: string): Promise<Buffer> {
    const cached = this.cachedKeyForWriting(subjectId, field);
    if (cached !== undefined) return cached;
    // Not cached: one statement that creates the key, or finds the one there (a new lead's first event, mostly).
    const state = this.remember(subjectId, await this.created(subjectId));
    if (state === 'erased') throw new PersonalDataErasedError(subjectId, field);
    return state;
  }

  /**
   * A subject's key when this process has it cached (undefined: ask keyForWriting); refused (PersonalDataErasedError)
   * when erased. The common case of an append, answered without a promise.
   */
  cachedKeyForWriting(subjectId: string, field: string): Buffer | undefined {
    this.pollInBackground();
    const state = this.cached(subjectId, this.now());
    if (state === 'erased') throw new PersonalDataErasedError(subjectId, field);
    return state;
  }

  /**
   * A subject's key row, created when it has none. Writers capturing new leads side by side each need a new key:
   * those asked for while one creation is in flight go together in the next, one statement for all.
   */
  private created(subjectId: string): Promise<SubjectKeyRow> {
    const pending = this.pendingCreations.get(subjectId);
    if (pending) return pending;
    const creation = new Promise<SubjectKeyRow>((resolve, reject) => {
      const waiting = this.creating.get(subjectId);
      if (waiting) waiting.push({ resolve, reject });
      else this.creating.set(subjectId, [{ resolve, reject }]);
      if (this.creationsInFlight < CREATIONS_IN_FLIGHT) void this.createWaiting();
    }).finally(() => this.pendingCreations.delete(subjectId));
    this.pendingCreations.set(subjectId, creation);
    return creation;
  }


  private async createWaiting(): Promise<void> {
    this.creationsInFlight += 1;
    try {
      while (this.creating.size > 0) {
        const batch = new Map(this.creating);
        this.creating.clear();
        try {
          const rows = await this.table.insertKeys([...batch.keys()].map((subjectId) => ({ subjectId, wrappedKey: wrapKey(this.master, randomBytesFromPool(32)) })), this.now());
          const bySubject = new Map(rows.map((row) => [row.subjectId, row]));
          for (const [subjectId, waiters] of batch) {
            const row = bySubject.get(subjectId);
            for (const waiter of waiters) {
              if (row) waiter.resolve(row);
              else waiter.reject(new Error(`no key row for ${subjectId} after creating it`));
            }
          }
        } catch (error) {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error as Error);
        }
      }
    } finally {
      this.creationsInFlight -= 1;
    }
  }

  /** Whether this process knows the subject's key or erasure (cached): if not, it may well be new. */
  isKnown(subjectId: string): boolean {
    return this.cached(subjectId, this.now()) !== undefined;
  }

  /** A new subject's key wrapped by the master key, as the key table keeps it. */
  wrap(key: Buffer): string {
    return wrapKey(this.master, key);
  }

  /** A key this process stored for a new subject (with its first events): known from now on. */
  adopt(subjectId: string, key: Buffer): void {
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.clear();
    this.cache.set(subjectId, { key, at: this.now() });
  }

  /** The keys of several subjects, for a page of events: one query for those not cached. */
  async statesOf(subjectIds: Iterable<string>): Promise<Map<string, SubjectKeyState>> {
    this.pollInBackground();
    const states = new Map<string, SubjectKeyState>();
    const missing: string[] = [];
    const now = this.now();
    for (const subjectId of subjectIds) {
      if (states.has(subjectId)) continue;
      const cached = this.cached(subjectId, now);
      if (cached === undefined) missing.push(subjectId);
      states.set(subjectId, cached);
    }
    if (missing.length > 0) {
      const rows = await this.table.keys(missing);
      for (const row of rows) states.set(row.subjectId, this.remember(row.subjectId, row));
    }
    return states;
  }

  async state(subjectId: string): Promise<SubjectKeyState> {
    return (await this.statesOf([subjectId])).get(subjectId);
  }

  /** Known erased (as of the last look at the table, at most ERASURE_POLL_MS ago, or this process's own erasures). */
  isErased(subjectId: string): boolean {
    this.pollInBackground();
    return this.erased.has(subjectId);
  }

  /** Destroys a subject's key; true when this call erased it, false when it was erased before. */
  async erase(subjectId: string): Promise<{ erasedNow: boolean; erasedAt: Date }> {
    const before = (await this.table.keys([subjectId]))[0];
    const row = await this.table.erase(subjectId, this.now());
    this.remember(subjectId, row);
    return { erasedNow: before?.erasedAt == null, erasedAt: new Date(row.erasedAt!) };
  }

  /** When a subject was erased, or undefined when it was not. */
  async erasedAt(subjectId: string): Promise<Date | undefined> {
    const row = (await this.table.keys([subjectId]))[0];
    return row?.erasedAt == null ? undefined : new Date(row.erasedAt);
  }

  /** The subjects the owners' personal data belongs to, for those linked to one (links never change: cached). */
  async subjectsOfOwners(ownerIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const missing = ownerIds.filter((ownerId) => {
      const subjectId = this.owners.get(ownerId);
      if (subjectId !== undefined) found.set(ownerId, subjectId);
      return subjectId === undefined;
    });
    if (missing.length === 0) return found;
    for (const [ownerId, subjectId] of await this.table.subjectsOfOwners(missing)) found.set(ownerId, this.rememberOwner(ownerId, subjectId));
    return found;
  }

  /** The subject an owner is linked to, when this process has the link cached (links never change). */
  knownSubjectOfOwner(ownerId: string): string | undefined {
    return this.owners.get(ownerId);
  }

  async linkOwner(ownerId: string, subjectId: string): Promise<string> {
    return this.rememberOwner(ownerId, await this.table.linkOwner(ownerId, subjectId));
  }

  private rememberOwner(ownerId: string, subjectId: string): string {
    if (this.owners.size >= KEY_CACHE_SIZE) this.owners.clear();
    this.owners.set(ownerId, subjectId);
    return subjectId;
  }

  /** A keyed hash of a normalised identifying value (duplicate detection): equal values, equal hashes; nothing to reverse. */
  lookupHash(kind: string, normalised: string): string {
    return createHmac('sha256', this.lookupKey).update(kind).update('\n').update(normalised).digest('base64url');
  }

  close(): Promise<void> {
    return this.table.close();
  }

  private cached(subjectId: string, now: number): SubjectKeyState {
    if (this.erased.has(subjectId)) return 'erased';
    const entry = this.cache.get(subjectId);
    if (entry === undefined || now - entry.at > KEY_CACHE_MS) return undefined;
    return entry.key;
  }

  private remember(subjectId: string, row: SubjectKeyRow): Buffer | 'erased' {
    if (row.erasedAt !== null || row.wrappedKey === null) {
      this.erased.add(subjectId);
      this.cache.delete(subjectId);
      return 'erased';
    }
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.clear();
    const key = unwrapKey(this.master, row.wrappedKey);
    this.cache.set(subjectId, { key, at: this.now() });
    return key;
  }

  private pollInBackground(): void {
    if (this.polling !== undefined || this.now() - this.lastPoll < ERASURE_POLL_MS) return;
    this.polling = this.pollErasures(false)
      .catch(() => undefined)
      .finally(() => (this.polling = undefined));
  }

  /** Learns the erasures made since the last look (by any process). */
  private async pollErasures(all: boolean): Promise<void> {
    this.lastPoll = this.now();
    // Overlapping by a second: two processes' clocks, and an erasure committed a moment after its time.
    const rows = await this.table.erasedSince(all ? 0 : this.erasuresSeenUntil - 1000);
    for (const row of rows) {
      this.erased.add(row.subjectId);
      this.cache.delete(row.subjectId);
      this.erasuresSeenUntil = Math.max(this.erasuresSeenUntil, row.erasedAt!);
    }
  }
}
