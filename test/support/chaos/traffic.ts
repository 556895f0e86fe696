/**
 * The department's traffic in a chaos run, sent as a careful client sends it: every command with an
 * Idempotency-Key and an X-Correlation-Id of its own (both `chaos-<n>`), and, when an instance does not answer
 * (connection refused or cut, a timeout, a 5xx, a 429), the same request again at the app's other instance,
 * until an answer or `giveUpMs`. Every command and how it ended is recorded, for the audit.
 */
import { signToken } from '#libs/platform';
import type { Role } from '#libs/contracts';

export type Context = 'prospecting' | 'deal-closing' | 'account-management' | 'sales-management' | 'sales-insights';

export interface CommandRecord {
  readonly n: number;
  readonly name: string;
  /** Idempotency-Key and X-Correlation-Id of every attempt. */
  readonly key: string;
  attempts: number;
  outcome: 'pending' | 'accepted' | 'refused' | 'unanswered';
  status?: number;
  body?: unknown;
  /** When an instance accepted it (epoch ms). */
  acceptedAt?: number;
  /** Why attempts before the last one failed (a status, or the connection error's code). */
  readonly failures: string[];
}

const ATTEMPT_TIMEOUT_MS = 10_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class ChaosClient {
  readonly commands: CommandRecord[] = [];
  reads = 0;
  private counter = 0;

  constructor(
    private readonly instances: Readonly<Record<Context, readonly string[]>>,
    private readonly giveUpMs: number,
  ) {}

  /** POSTs a command until an instance answers it (or `giveUpMs` passes); resolves with its record. */
  async command(context: Context, name: string, path: string, token: string, body: unknown): Promise<CommandRecord> {
    const n = ++this.counter;
    const record: CommandRecord = { n, name, key: `chaos-${n}`, attempts: 0, outcome: 'pending', failures: [] };
    this.commands.push(record);
    const urls = this.instances[context];
    const deadline = Date.now() + this.giveUpMs;
    for (let at = n % urls.length; ; at = (at + 1) % urls.length) {
      record.attempts += 1;
      const failure = await fetch(`${urls[at]}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': record.key, 'x-correlation-id': record.key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      }).then(
        async (response) => {
          const text = await response.text();
          if (response.status < 300 || (response.status < 500 && response.status !== 429 && response.status !== 408)) {
            record.outcome = response.status < 300 ? 'accepted' : 'refused';
            if (record.outcome === 'accepted') record.acceptedAt = Date.now();
            record.status = response.status;
            record.body = text === '' ? undefined : (JSON.parse(text) as unknown);
            return undefined;
          }
          return String(response.status);
        },
        (error: Error) => connectionError(error),
      );
      if (failure === undefined) return record;
      record.failures.push(failure);
      if (Date.now() > deadline) {
        record.outcome = 'unanswered';
        return record;
      }
      await sleep(Math.min(2_000, 100 * record.attempts));
    }
  }

  /**
   * GETs `path` from the app's instances until it answers 200 with a body `until` accepts; rejects after
   * `giveUpMs` with the last answer.
   */
  async read<T>(context: Context, path: string, token: string, until: (body: T) => boolean = () => true): Promise<T> {
    const urls = this.instances[context];
    const deadline = Date.now() + this.giveUpMs;
    let last = '';
    for (let attempt = 0; ; attempt++) {
      this.reads += 1;
      const url = `${urls[attempt % urls.length]}${path}`;
      const body = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) }).then(
        async (response) => {
          const text = await response.text();
          last = `${response.status} ${text.slice(0, 300)}`;
          return response.status === 200 ? (JSON.parse(text) as T) : undefined;
        },
        (error: Error) => {
          last = connectionError(error);
          return undefined;
        },
      );
      if (body !== undefined && until(body)) return body;
      if (Date.now() > deadline) throw new Error(`GET ${path}: gave up after ${this.giveUpMs} ms (last answer: ${last})`);
      await sleep(Math.min(1_000, 50 * (attempt + 1)));
    }
  }
}

function connectionError(error: Error): string {
  if (error.name === 'TimeoutError') return 'timeout';
  const cause = error.cause as { code?: string } | undefined;
  return cause?.code ?? error.message;
}

/** The team of a chaos run: who works which part of the story. */
export const TEAM: ReadonlyArray<{ repId: string; name: string; role: Role }> = [
  { repId: 'lg-1', name: 'Лидогенератор 1', role: 'lead-generator' },
  { repId: 'lg-2', name: 'Лидогенератор 2', role: 'lead-generator' },
  { repId: 'h-1', name: 'Хантер 1', role: 'hunter' },
  { repId: 'h-2', name: 'Хантер 2', role: 'hunter' },
  { repId: 'f-1', name: 'Фермер 1', role: 'farmer' },
  { repId: 'f-2', name: 'Фермер 2', role: 'farmer' },
];

export interface Tokens {
  readonly head: string;
  of(repId: string): string;
}

export async function teamTokens(secret: string): Promise<Tokens> {
  const head = await signToken(secret, { userId: 'rop-1', role: 'head-of-sales' });
  const tokens = new Map<string, string>();
  for (const rep of TEAM) tokens.set(rep.repId, await signToken(secret, { userId: rep.repId, role: rep.role }));
  return {
    head,
    of(repId) {
      const token = tokens.get(repId);
      if (!token) throw new Error(`no one in the team is ${repId}`);
      return token;
    },
  };
}

/** The head of sales adds the team (each command retried as any other). */
export async function addTeam(client: ChaosClient, tokens: Tokens): Promise<void> {
  for (const rep of TEAM) {
    const added = await client.command('sales-management', 'join', '/team/reps', tokens.head, { ...rep, capacity: 10_000 });
    if (added.outcome !== 'accepted') throw new Error(`the team could not be added: ${rep.repId} ${added.outcome} ${added.status} ${JSON.stringify(added.body)}`);
  }
}

interface Lead {
  leadGeneratorId: string | null;
}
interface Deal {
  hunterId: string;
}
interface Account {
  ownerId: string | null;
}

/**
 * One lead's story, from capture to wherever `random` takes it: a fifth disqualified, the rest qualified and
 * handed to a hunter; of those, half won, and the client's new account visited by its farmer. It ends early,
 * quietly, when a command is refused or goes unanswered (the audit counts those).
 */
export async function leadStory(client: ChaosClient, tokens: Tokens, n: number, random: () => number): Promise<void> {
  const ok = (record: CommandRecord): boolean => record.outcome === 'accepted';
  const captured = await client.command('prospecting', 'capture', '/leads', tokens.head, {
    company: { name: `ООО «Хаос ${n}»` },
    contact: { name: `Контакт ${n}`, phone: `+7 900 ${String(1_000_000 + n).slice(-7)}` },
    estimatedValue: { amount: 100_000 + n, currency: 'RUB' },
  });
  if (!ok(captured)) return;
  const leadId = (captured.body as { leadId: string }).leadId;
  // Routing (the prospecting apps' process manager) assigns it to a lead generator.
  const lead = await client.read<Lead>('prospecting', `/leads/${leadId}`, tokens.head, (body) => body.leadGeneratorId !== null);
  const lg = tokens.of(lead.leadGeneratorId!);
  if (!ok(await client.command('prospecting', 'contact-attempt', `/leads/${leadId}/contact-attempts`, lg, { channel: 'call', outcome: 'reached' }))) return;
  if (random() < 0.2) {
    await client.command('prospecting', 'disqualify', `/leads/${leadId}/disqualify`, lg, { reason: 'no-budget' });
    return;
  }
  const qualified = await client.command('prospecting', 'qualify', `/leads/${leadId}/qualify`, lg, {
    budget: { amount: 500_000, currency: 'RUB' },
    authority: 'Генеральный директор',
    need: 'CRM',
    timing: 'квартал',
    estimatedValue: { amount: 450_000, currency: 'RUB' },
  });
  if (!ok(qualified)) return;
  const handoff = await client.command('prospecting', 'hand-off', `/leads/${leadId}/hand-off`, lg, {});
  if (!ok(handoff) || random() < 0.5) return;
  const dealId = (handoff.body as { dealId: string }).dealId;
  // The deal-closing apps' process manager opens the deal.
  const deal = await client.read<Deal>('deal-closing', `/deals/${dealId}`, tokens.head);
  const won = await client.command('deal-closing', 'win', `/deals/${dealId}/win`, tokens.of(deal.hunterId), { amount: { amount: 400_000 + n, currency: 'RUB' } });
  if (!ok(won)) return;
  const accountId = (won.body as { accountId: string }).accountId;
  // The account-management apps' process managers open the account and give it a farmer.
  const account = await client.read<Account>('account-management', `/accounts/${accountId}`, tokens.head, (body) => body.ownerId !== null);
  await client.command('account-management', 'touchpoint', `/accounts/${accountId}/touchpoints`, tokens.of(account.ownerId!), { kind: 'check-in', satisfaction: 8 });
}
