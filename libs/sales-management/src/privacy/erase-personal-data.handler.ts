import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { privacyStreamId } from '#libs/contracts';
import { CommandRunner, notFound } from '#libs/event-sourcing';
import { EVENT_STORE, PersonalDataStore, type EventStore } from '#libs/event-store';
import { UseCaseCommand } from '#libs/platform';
import { erasureDecider, type ErasePersonalData } from './erasure.decider';

export interface ErasureResult {
  readonly subjectId: string;
  readonly erasedAt: string;
  /** False when the subject had been erased before: nothing changed. */
  readonly erasedNow: boolean;
  /** Revision of the subject's privacy stream. */
  readonly revision: number;
}

export class ErasePersonalDataCommand extends UseCaseCommand<Omit<ErasePersonalData, 'type' | 'by'>, ErasureResult> {}

/** The aggregate whose stream a subject id names: `lead-<id>` → `lead-<id>`, `task-<id>` → `task-<id>`. */
const rootStreamOf = (subjectId: string): string => subjectId;

/**
 * Destroys the subject's key (from then on every reader sees its fields as erased), then records the erasure.
 * In that order: a crash between the two leaves the data erased and the record missing, which the next request
 * (or the retention run) adds; the other order could record an erasure that did not happen.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ input, envelope, options }: ErasePersonalDataCommand): Promise<ErasureResult> {
    if (!(this.store instanceof PersonalDataStore)) throw new Error('the event store has no personal-data layer');
    const { subjectId } = input;
    if (!(await this.exists(rootStreamOf(subjectId)))) throw notFound('subject-not-found', `${subjectId} is no data subject: ${rootStreamOf(subjectId)} does not exist`);
    const erased = await this.store.keys.erase(subjectId);
    const { revision } = await this.runner.run(erasureDecider, privacyStreamId(subjectId), { type: 'ErasePersonalData', by: envelope.actor, ...input }, envelope, options);
    return { subjectId, erasedAt: erased.erasedAt.toISOString(), erasedNow: erased.erasedNow, revision };
  }

  private async exists(streamId: string): Promise<boolean> {
    for await (const _event of this.store.readStream(streamId, { maxCount: 1 })) return true;
    return false;
  }
}
