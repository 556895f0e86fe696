/** The handoff process manager through the real CommandBus and runner, on a real SQLite store and its checkpoints. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { catalogueEventSchemas } from '#libs/contracts';
import { CommandRunner, ProcessManagerRunner, ruleBroken, type ProcessManager } from '#libs/event-sourcing';
import { openCheckpointStore, openEventStore, type CheckpointStore, type EventStore, type StoredEvent } from '#libs/event-store';
import { dealStreamId } from '../deal/deal.decider';
import { openDealOnHandoff } from './open-deal-on-handoff.process-manager';
import { OpenDealHandler } from './open-deal.handler';
import { eventually } from '../../../../test/support/eventually';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-pm-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const handoff = (leadId: string, dealId: string) => ({
  type: 'LeadHandedOff',
  data: {
    leadId,
    hunterId: 'h-anna',
    dealId,
    rule: 'named',
    candidates: [],
    skipped: [],
    company: { name: 'ООО «Ромашка»' },
    contact: { name: 'Иван' },
    estimatedValue: { amount: 450000, currency: 'RUB' },
  },
  metadata: { correlationId: `corr-${leadId}`, causationId: 'cmd-1', actor: { userId: 'lg-ivan', role: 'lead-generator' } },
});

async function read(store: EventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

describe('open deal on handoff', () => {
  let store: EventStore;
  let checkpoints: CheckpointStore;
  const log = { warnings: [] as string[], warn: (m: string) => log.warnings.push(m), error: (m: string) => log.warnings.push(m) };

  beforeEach(async () => {
    const url = `sqlite:${join(folder, `${Math.random()}.db`)}`;
    store = await openEventStore(url);
    checkpoints = await openCheckpointStore(url);
  });
  afterEach(async () => {
    await checkpoints.close();
    await store.close();
  });

  it('opens the deal once, naming the handoff as its cause, even when the handoff is delivered again', async () => {
    await store.append('lead-L1', [handoff('L1', 'D1')], { expectedRevision: 'any' });
    const [handedOff] = await read(store, 'lead-L1');
    // The command's own handler on Nest's CommandBus, as the app wires it.
    const nest = await Test.createTestingModule({ imports: [CqrsModule.forRoot()], providers: [OpenDealHandler, { provide: CommandRunner, useValue: new CommandRunner(store, catalogueEventSchemas) }] }).compile();
    await nest.init();
    const manager = openDealOnHandoff(nest.get(CommandBus));

    const first = new ProcessManagerRunner(store, checkpoints, [manager], log);
    first.start();
    await eventually(async () => (await read(store, dealStreamId('D1'))).length === 1, { timeoutMs: 5_000, everyMs: 10 });
    await eventually(async () => (await checkpoints.load(manager.name)) !== 'start', { timeoutMs: 5_000, everyMs: 10 });
    await first.stop();

    // Redelivery: forget the checkpoint and run again from the start.
    await checkpoints.reset(manager.name);
    const second = new ProcessManagerRunner(store, checkpoints, [manager], log);
    second.start();
    await eventually(async () => (await checkpoints.load(manager.name)) !== 'start', { timeoutMs: 5_000, everyMs: 10 });
    await store.append('lead-L2', [handoff('L2', 'D2')], { expectedRevision: 'any' });
    await eventually(async () => (await read(store, dealStreamId('D2'))).length === 1, { timeoutMs: 5_000, everyMs: 10 });
    await second.stop();
    await nest.close();

    const deal = await read(store, dealStreamId('D1'));
    expect(deal).toHaveLength(1);
    expect(deal[0]).toMatchObject({
      type: 'DealOpened',
      data: { dealId: 'D1', leadId: 'L1', hunterId: 'h-anna', company: { name: 'ООО «Ромашка»' } },
      metadata: { correlationId: 'corr-L1', causationId: handedOff!.eventId, actor: { userId: 'deal-closing.handoff', role: 'service' } },
    });
  });

  it('logs and skips an event its manager rejects, and goes on with the next', async () => {
    const handled: string[] = [];
    const picky: ProcessManager = {
      name: 'test.picky',
      eventTypes: ['LeadHandedOff'],
      async handle(event) {
        const { leadId } = event.data as { leadId: string };
        if (leadId === 'bad') throw ruleBroken('bad-lead', 'this one is refused');
        handled.push(leadId);
      },
    };
    await store.append('lead-bad', [handoff('bad', 'Dx')], { expectedRevision: 'any' });
    await store.append('lead-good', [handoff('good', 'Dy')], { expectedRevision: 'any' });
    const runner = new ProcessManagerRunner(store, checkpoints, [picky], log);
    runner.start();
    await eventually(async () => handled.length === 1, { timeoutMs: 5_000, everyMs: 10 });
    await runner.stop();
    expect(handled).toEqual(['good']);
    expect(log.warnings.some((warning) => warning.includes('bad-lead'))).toBe(true);
  });
});
