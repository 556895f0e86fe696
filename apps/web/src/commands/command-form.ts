/**
 * How a page sends a command a person filled in. Each submission carries an Idempotency-Key, kept while its
 * outcome is unknown (no answer, a 5xx: sending again cannot write twice) and replaced once the API answered
 * (a refusal the person corrects is a new request); a second submit while one is in flight is ignored, so a
 * double click writes once. If-Match names the revision the form was drawn from: a command on an item someone
 * else moved on is refused (409 version-conflict) rather than written over what they did. The form's fields
 * are the caller's state and survive every error.
 */
import { useRef, useState } from 'preact/hooks';
import { ApiError, unwrap } from '../api/client';

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** `Idempotency-Key`, and `If-Match` when the form was drawn from a revision. */
export type CommandHeaders = Record<string, string>;

export interface CommandForm {
  readonly busy: boolean;
  readonly error: ApiError | undefined;
  /** The message for a field the API named (`budget.amount`), for the input it concerns. */
  fieldError(field: string): string | undefined;
  /** Sends once: the answer, or the refusal (also kept in `error`); `ignored` while another submit is in flight. */
  submit<T>(send: (headers: CommandHeaders) => Promise<FetchResult<T>>, drawnAtRevision?: number): Promise<Outcome<T>>;
  clearError(): void;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError } | { readonly ok: false; readonly ignored: true };

const newKey = (): string => globalThis.crypto.randomUUID();

/** Whether the API answered the request (so its key is spent): anything but no answer or a 5xx. */
const answered = (error: ApiError): boolean => error.status !== 0 && error.status < 500;

export function useCommandForm(): CommandForm {
  const key = useRef(newKey());
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  return {
    busy,
    error,
    fieldError: (field) => (error?.field === field ? error.message.replace(new RegExp(`^${field.replace(/\./g, '\\.')}:\\s*`), '') : undefined),
    clearError: () => setError(undefined),
    async submit(send, drawnAtRevision) {
      if (inFlight.current) return { ok: false, ignored: true };
      inFlight.current = true;
      setBusy(true);
      setError(undefined);
      try {
        const headers: CommandHeaders = { 'Idempotency-Key': key.current, ...(drawnAtRevision === undefined ? {} : { 'If-Match': `"${drawnAtRevision}"` }) };
        const value = await unwrap(send(headers));
        key.current = newKey();
        return { ok: true, value };
      } catch (caught) {
        const failure = caught instanceof ApiError ? caught : new ApiError(0, 'unreachable', String(caught));
        if (answered(failure)) key.current = newKey();
        setError(failure);
        return { ok: false, error: failure };
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
  };
}
