import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '#libs/event-sourcing';
import { EVENT_STORE, PersonalDataStore, type EventStore } from '#libs/event-store';
import { UseCaseQuery } from '#libs/platform';

export interface SubjectView {
  readonly subjectId: string;
  readonly erased: boolean;
  readonly erasedAt?: string;
}

export class GetSubjectQuery extends UseCaseQuery<{ readonly subjectId: string }, SubjectView> {}

/** Whether a subject's personal data is kept or erased; 404 for a subject whose aggregate does not exist. */
@QueryHandler(GetSubjectQuery)
export class GetSubjectHandler implements IQueryHandler<GetSubjectQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input: { subjectId } }: GetSubjectQuery): Promise<SubjectView> {
    if (!(this.store instanceof PersonalDataStore)) throw new Error('the event store has no personal-data layer');
    let exists = false;
    for await (const _event of this.store.readStream(subjectId, { maxCount: 1 })) exists = true;
    if (!exists) throw notFound('subject-not-found', `${subjectId} is no data subject: ${subjectId} does not exist`);
    const erasedAt = await this.store.keys.erasedAt(subjectId);
    return { subjectId, erased: erasedAt !== undefined, ...(erasedAt ? { erasedAt: erasedAt.toISOString() } : {}) };
  }
}
