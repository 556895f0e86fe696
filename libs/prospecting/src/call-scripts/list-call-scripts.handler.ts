import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '#libs/platform';
import type { ActiveCallScript } from './call-script-catalogue';
import { CallScriptCatalogueHost } from './call-script-catalogue.host';

export class ListCallScriptsQuery extends UseCaseQuery<Record<string, never>, { scripts: ActiveCallScript[] }> {}

/** The call scripts in use, each at its latest version, by title. */
@QueryHandler(ListCallScriptsQuery)
export class ListCallScriptsHandler implements IQueryHandler<ListCallScriptsQuery> {
  constructor(private readonly catalogue: CallScriptCatalogueHost) {}

  async execute(): Promise<{ scripts: ActiveCallScript[] }> {
    return { scripts: await this.catalogue.active() };
  }
}
