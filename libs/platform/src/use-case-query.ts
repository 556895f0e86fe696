/**
 * The shape of every read's query on the QueryBus, as UseCaseCommand is for writes: what the route read from
 * the request (its input), checked and typed. A read declares its query in one line and answers it in its own
 * @QueryHandler; the route keeps the HTTP (pipes, query-string names, ETag) and sends the query:
 *
 *   export class GetDealQuery extends UseCaseQuery<{ dealId: string }, DealView> {}
 *   const view = await this.queryBus.execute(new GetDealQuery({ dealId }));
 *
 * The QueryBus rethrows what the handler throws, so a 404, a 400 or a 503 reaches the client as before.
 */
import { Query } from '@nestjs/cqrs';

export abstract class UseCaseQuery<Input, Result> extends Query<Result> {
  constructor(readonly input: Input) {
    super();
  }
}
