import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '#libs/contracts';
import { APP_CONFIG, UseCaseQuery, type AppConfig } from '#libs/platform';
import { buildQueue, workQueuesProjection, type QueueRole } from '#libs/projections';
import { ReadModelsHost } from '../read-models/read-models.host';

export interface Queue {
  readonly role: QueueRole;
  readonly repId: string;
  readonly generatedAt: string;
  readonly total: number;
  readonly items: ReturnType<typeof buildQueue>;
}

/** The caller's own queue: role and rep id are the token's. */
export class GetOwnQueueQuery extends UseCaseQuery<{ readonly actor: Actor; readonly limit: number }, Queue> {}

/** Any rep's queue as a role (the head of sales); 404 for a rep unknown to the roster who owns no open work. */
export class GetRepQueueQuery extends UseCaseQuery<{ readonly role: QueueRole; readonly repId: string; readonly limit: number }, Queue> {}

@QueryHandler(GetOwnQueueQuery)
export class GetOwnQueueHandler implements IQueryHandler<GetOwnQueueQuery> {
  constructor(
    private readonly readModels: ReadModelsHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input: { actor, limit } }: GetOwnQueueQuery): Promise<Queue> {
    return queueOf(this.readModels, this.config, actor.role as QueueRole, actor.userId, limit, false);
  }
}

@QueryHandler(GetRepQueueQuery)
export class GetRepQueueHandler implements IQueryHandler<GetRepQueueQuery> {
  constructor(
    private readonly readModels: ReadModelsHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input: { role, repId, limit } }: GetRepQueueQuery): Promise<Queue> {
    return queueOf(this.readModels, this.config, role, repId, limit, true);
  }
}

function queueOf(readModels: ReadModelsHost, config: AppConfig, role: QueueRole, repId: string, limit: number, mustExist: boolean): Queue {
  const documents = readModels.documents(workQueuesProjection);
  const now = Date.now();
  const items = buildQueue(documents, role, repId, now, config.queues);
  if (mustExist && items.length === 0 && role !== 'head-of-sales' && documents.get('reps', repId) === undefined) {
    throw new NotFoundException({ code: 'not-found', message: `rep ${repId} is not in the roster and owns no open work` });
  }
  return { role, repId, generatedAt: new Date(now).toISOString(), total: items.length, items: items.slice(0, limit) };
}
