/** The OpenAPI description of GET /kpis/series. */
import { KPI_GROUP_BY, SERIES_INTERVALS } from '#libs/projections';
import { KPI_FIGURES_SCHEMA } from './kpi-report.schema';
import { arrayOf, described, enumOf, flag, instant, object, readModelPosition } from './openapi-parts';

export const KPI_SERIES_SCHEMA = object({
  ...readModelPosition,
  interval: enumOf(SERIES_INTERVALS),
  from: instant,
  to: instant,
  groupBy: { type: 'string', nullable: true, enum: [...KPI_GROUP_BY, null] },
  buckets: arrayOf(
    object({
      from: instant,
      to: instant,
      whole: described(flag, 'false for a part of a week or month, cut at the query\'s from or to'),
      report: described(KPI_FIGURES_SCHEMA, 'exactly GET /kpis for [from, to) of this bucket (without asOf, position and eventsApplied, given once above)'),
    }),
    'in time order, each week or month of [from, to)',
  ),
});
