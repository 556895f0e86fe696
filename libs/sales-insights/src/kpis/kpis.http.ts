/**
 * GET /kpis: the head of sales' KPIs for a period, optionally grouped, live or as of a past moment. Live
 * figures come from the kpi-facts read model; `asOf` folds the history up to that moment in memory
 * without touching the read models (the last few such folds are kept, as the history before a past
 * moment rarely changes).
 */
import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { encodePosition } from '#libs/event-store';
import { RequirePermission } from '#libs/platform';
import { KPI_GROUP_BY, computeKpis, foldHistory, kpiFactsProjection, type FoldedDocuments, type KpiGroupBy } from '#libs/projections';
import { ReadModelsHost } from '../read-models/read-models.host';
import { KPI_REPORT_SCHEMA } from './kpi-report.schema';

const DAY = 86_400_000;
const AS_OF_CACHE = 4;

function instant(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(time)) {
    throw new BadRequestException({ code: 'invalid-request', field, message: `${field}: must be an ISO 8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z` });
  }
  return time;
}

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  private readonly asOfFolds = new Map<string, Promise<FoldedDocuments>>();

  constructor(private readonly readModels: ReadModelsHost) {}

  @Get()
  @RequirePermission('kpi:read')
  @ApiOkResponse({ schema: KPI_REPORT_SCHEMA as object, description: 'every KPI with the inputs it was computed from' })
  @ApiQuery({ name: 'from', required: false, description: 'start of the period, inclusive (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'end of the period, exclusive (default: asOf, else now)' })
  @ApiQuery({ name: 'groupBy', required: false, enum: KPI_GROUP_BY })
  @ApiQuery({ name: 'asOf', required: false, description: 'the KPIs as they stood at this moment: only what had occurred by then counts' })
  async kpis(
    @Query('from') fromText?: string,
    @Query('to') toText?: string,
    @Query('groupBy') groupByText?: string,
    @Query('asOf') asOfText?: string,
  ) {
    const asOf = instant(asOfText, 'asOf');
    if (asOf !== undefined && asOf > Date.now()) {
      throw new BadRequestException({ code: 'invalid-request', field: 'asOf', message: 'asOf: must not be in the future' });
    }
    const to = instant(toText, 'to') ?? asOf ?? Date.now();
    const from = instant(fromText, 'from') ?? to - 30 * DAY;
    if (from >= to) throw new BadRequestException({ code: 'invalid-request', field: 'from', message: 'from: must be before to' });
    if (groupByText !== undefined && !(KPI_GROUP_BY as readonly string[]).includes(groupByText)) {
      throw new BadRequestException({ code: 'invalid-request', field: 'groupBy', message: `groupBy: must be one of ${KPI_GROUP_BY.join(', ')}` });
    }
    const query = { from, to, ...(groupByText ? { groupBy: groupByText as KpiGroupBy } : {}) };
    if (asOf === undefined) {
      const documents = this.readModels.documents(kpiFactsProjection);
      const status = this.readModels.status(kpiFactsProjection)!;
      return { asOf: null, position: status.position, eventsApplied: status.eventsApplied, ...computeKpis(documents, query) };
    }
    const head = await this.readModels.store.headPosition();
    const folded = await this.foldAsOf(asOf, head === 'start' ? 'start' : encodePosition(head));
    return {
      asOf: new Date(asOf).toISOString(),
      position: folded.position === 'start' ? null : encodePosition(folded.position),
      eventsApplied: folded.eventsApplied,
      ...computeKpis(folded.documents, query),
    };
  }

  /** Kept per moment and head of the store: an event recorded since (say, one back-dated) makes a new fold. */
  private foldAsOf(asOf: number, head: string): Promise<FoldedDocuments> {
    const key = `${new Date(asOf).toISOString()}@${head}`;
    let fold = this.asOfFolds.get(key);
    if (fold === undefined) {
      fold = foldHistory(this.readModels.store, kpiFactsProjection, { asOf: new Date(asOf) });
      fold.catch(() => this.asOfFolds.delete(key));
      this.asOfFolds.set(key, fold);
      while (this.asOfFolds.size > AS_OF_CACHE) this.asOfFolds.delete(this.asOfFolds.keys().next().value!);
    }
    return fold;
  }
}
