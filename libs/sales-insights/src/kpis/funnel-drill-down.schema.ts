/** The OpenAPI description of GET /kpis/funnel/{stage}. */
import { FUNNEL_STAGES, FUNNEL_VIEWS } from '#libs/projections';
import { arrayOf, count, described, enumOf, instant, money, nullable, object, readModelPosition, text } from './openapi-parts';

const item = object({
  kind: enumOf(['lead', 'deal'], 'a lead up to handedOff, a deal from dealOpened on'),
  id: described(text, 'the lead\'s or the deal\'s id'),
  leadId: text,
  dealId: nullable(text, 'the deal the lead was handed off into, if any'),
  company: nullable(text, 'the company\'s name'),
  reachedAt: described(instant, 'when it reached the stage (cohort view, for a stage it skipped: when it got past it)'),
  repId: nullable(text, 'who owns it: the lead\'s lead generator (null while unassigned); the deal\'s closer once handed to one, else its hunter'),
  value: nullable(money, 'a lead\'s estimated value (null if none was given); a deal\'s amount when won, else its latest proposal, else its estimated value'),
});

export const FUNNEL_DRILL_DOWN_SCHEMA = object({
  ...readModelPosition,
  from: instant,
  to: instant,
  stage: enumOf(FUNNEL_STAGES),
  view: enumOf(FUNNEL_VIEWS),
  total: described(count, 'items in the stage: equals the stage\'s count in `funnel` (activity) or `cohortFunnel.funnel` (cohort) of GET /kpis for the same from, to and asOf'),
  items: arrayOf(item, 'at most `limit`, from `offset`, newest reachedAt first'),
});
