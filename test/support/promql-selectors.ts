/**
 * The metrics a PromQL query reads and the labels it uses on them — enough of PromQL for checking a dashboard
 * against the metrics an app exports (the official parser, @prometheus-io/lezer-promql, is an ES module Jest here
 * cannot load). Each selector's labels are the expression's grouping labels (by, without, on, ignoring,
 * group_left, group_right), in order, then the selector's own matchers.
 */
export interface PromqlSelector {
  readonly metric: string;
  readonly labels: readonly string[];
}

const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const RANGE = /\[[^\]]*\]/g;
const SELECTOR = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?(\s*\()?/g;
const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"/g;
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

export function promqlSelectors(expr: string): PromqlSelector[] {
  const grouping: string[] = [];
  const rest = expr
    .replace(GROUPING, (_all, labels: string) => {
      grouping.push(...labels.split(',').map((label) => label.trim()).filter((label) => label !== ''));
      return ' ';
    })
    .replace(RANGE, '');
  const selectors: PromqlSelector[] = [];
  for (const [, name, matchers, call] of rest.matchAll(SELECTOR)) {
    // A name followed by "(" is a function or an aggregation; a keyword is no metric.
    if (call !== undefined || KEYWORDS.has(name!.toLowerCase())) continue;
    const own = matchers === undefined ? [] : [...matchers.matchAll(MATCHER)].map((match) => match[1]!);
    selectors.push({ metric: name!, labels: [...grouping, ...own] });
  }
  return selectors;
}
