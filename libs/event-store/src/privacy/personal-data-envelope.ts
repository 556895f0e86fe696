/**
 * How an event's personal fields are stored: taken out of its data and sealed together under the key of their
 * subject (AES-256-GCM), in one `$pii` member of the data — what the store, its files and Kafka hold.
 *
 * The nonce is synthetic: an HMAC of the event id and the plaintext under the subject's key. The same event sealed
 * twice (a retried command, whose ids are fixed) is the same bytes, so an idempotent re-append stays a no-op; two
 * different plaintexts never share a nonce under one key. The event id and subject are the associated data: a
 * sealed value cannot be moved to another event or subject unnoticed.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/** The member of an event's data that holds its sealed personal fields. */
export const SEALED_MEMBER = '$pii';

export interface SealedPersonalData {
  /** The data subject whose key sealed it. */
  readonly s: string;
  /** The fields sealed, as dotted paths in the data (`contact.email`): names only, never values. */
  readonly f: readonly string[];
  /** Nonce (base64url). Absent once the subject is erased (and `erased` is true): then nothing is left to open. */
  readonly iv?: string;
  /** Ciphertext and tag (base64url). */
  readonly ct?: string;
  readonly erased?: true;
}

const TAG_BYTES = 16;

function associatedData(eventId: string, subjectId: string): Buffer {
  return Buffer.from(`${eventId}\n${subjectId}`, 'utf8');
}

/**
 * The associated data of a seal, written into a buffer kept for it: setAAD takes its bytes at once, and every event
 * appended is sealed, so a fresh buffer each time was garbage of its own. Ids longer than it fit get a buffer of theirs.
 */
const scratchAad = Buffer.allocUnsafe(512);
function associatedDataForSealing(eventId: string, subjectId: string): Buffer {
  const text = `${eventId}\n${subjectId}`;
  if (text.length * 3 > scratchAad.length) return associatedData(eventId, subjectId);
  return scratchAad.subarray(0, scratchAad.write(text, 0, 'utf8'));
}

/**
 * Seals the values of `fields` (in order) for one event. The plaintext goes to HMAC and cipher as a string (the same
 * UTF-8 bytes, without a buffer of its own); the nonce is HMAC(key, eventId + "\n" + plaintext).
 */
export function sealFields(key: Buffer, eventId: string, subjectId: string, fields: readonly string[], values: readonly unknown[]): SealedPersonalData {
  const plaintext = JSON.stringify(values);
  const iv = createHmac('sha256', key).update(`${eventId}\n${plaintext}`, 'utf8').digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedDataForSealing(eventId, subjectId));
  const body = cipher.update(plaintext, 'utf8');
  cipher.final();
  return { s: subjectId, f: fields, iv: iv.toString('base64url'), ct: base64urlOf(body, cipher.getAuthTag()) };
}

/** Bytes joined for base64url, in a buffer kept for it (Buffer.concat would take a new one from the pool each time). */
const scratchJoin = Buffer.allocUnsafe(4096);
export function base64urlOf(...parts: readonly Buffer[]): string {
  let length = 0;
  for (const part of parts) length += part.length;
  if (length > scratchJoin.length) return Buffer.concat(parts).toString('base64url');
  let at = 0;
  for (const part of parts) at += part.copy(scratchJoin, at);
  return scratchJoin.toString('base64url', 0, at);
}

/** The values sealed for one event, in the order of its `f`; throws when the key or the bytes are wrong. */
export function openFields(key: Buffer, eventId: string, sealed: SealedPersonalData): unknown[] {
  const bytes = Buffer.from(sealed.ct ?? '', 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv ?? '', 'base64url'));
  decipher.setAAD(associatedData(eventId, sealed.s));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plaintext = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as unknown[];
}

/** The sealed member of an event's data, when it has one. */
export function sealedOf(data: unknown): SealedPersonalData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  return (data as Record<string, unknown>)[SEALED_MEMBER] as SealedPersonalData | undefined;
}

/** Reads a dotted path of an object. */
export function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  let at: unknown = data;
  for (const name of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  return at;
}

/**
 * A copy of `data` with the values at `paths` replaced (undefined: removed) and the sealed member removed; only the
 * objects on the paths are copied, the rest is shared. The copies are built afresh, never by deleting a member:
 * an object that lost a member is slow to read and to serialise (V8 turns it into a dictionary), and every event
 * appended goes through here and then through JSON.stringify.
 */
export function withFields(data: Record<string, unknown>, paths: readonly (readonly string[])[], values: readonly unknown[]): Record<string, unknown> {
  return rebuilt(data, paths.map((path, index) => ({ path, value: values[index] })), 0, true);
}

interface FieldChange {
  readonly path: readonly string[];
  readonly value: unknown;
}

function rebuilt(source: Record<string, unknown>, changes: readonly FieldChange[], depth: number, dropSealed: boolean): Record<string, unknown> {
  const leaves = new Map<string, unknown>();
  const deeper = new Map<string, FieldChange[]>();
  for (const change of changes) {
    const name = change.path[depth]!;
    if (depth === change.path.length - 1) leaves.set(name, change.value);
    else deeper.set(name, [...(deeper.get(name) ?? []), change]);
  }
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(source)) {
    if (dropSealed && name === SEALED_MEMBER) continue;
    if (leaves.has(name)) continue;
    const below = deeper.get(name);
    copy[name] = below === undefined ? source[name] : nested(source[name], below, depth + 1);
    deeper.delete(name);
  }
  for (const [name, value] of leaves) if (value !== undefined) copy[name] = value;
  for (const [name, below] of deeper) if (below.some((change) => change.value !== undefined)) copy[name] = rebuilt({}, below, depth + 1, false);
  return copy;
}

/** A member on the way to changed fields: an object is rebuilt; anything else is kept when only removals reach it, else replaced. */
function nested(value: unknown, changes: readonly FieldChange[], depth: number): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return rebuilt(value as Record<string, unknown>, changes, depth, false);
  return changes.some((change) => change.value !== undefined) ? rebuilt({}, changes, depth, false) : value;
}

/** The data as shown to people and services: each erased field present, as null. */
export function erasedAsNull(data: unknown, erasedFields: readonly string[] | undefined): unknown {
  if (erasedFields === undefined || erasedFields.length === 0 || typeof data !== 'object' || data === null) return data;
  return withFields(data as Record<string, unknown>, erasedFields.map((name) => name.split('.')), erasedFields.map(() => null));
}
