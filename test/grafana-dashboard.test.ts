/**
 * infra/grafana/sales-ops.json against the metrics the app really exports: every metric a panel queries is in the
 * all-in-one app's GET /metrics, and every label a panel groups or filters by is one of that metric's labels (or
 * one Prometheus adds at the scrape). A renamed metric or label fails here, not on an operator's empty panel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metrics } from '#libs/platform';
import { startTestApp, type TestApp } from './support/http-app';
import { newLead } from './support/story';
import { eventually } from './support/eventually';
import { promqlSelectors } from './support/promql-selectors';

interface Panel {
  readonly id: number;
  readonly title: string;
  readonly gridPos: { x: number; y: number; w: number; h: number };
  readonly targets: ReadonlyArray<{ refId: string; expr: string }>;
}

const dashboard = JSON.parse(readFileSync(join(__dirname, '..', 'infra', 'grafana', 'sales-ops.json'), 'utf8')) as { uid: string; panels: Panel[] };
/** Labels Prometheus attaches to every series it scrapes (and histograms' bucket bound). */
const SCRAPE_LABELS = new Set(['job', 'instance']);

describe('promqlSelectors (test support)', () => {
  it('finds the metrics and the labels a query uses, not its functions, durations or strings', () => {
    expect(promqlSelectors('histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job=~"$job", status=~"5.."}[$__rate_interval])))')).toEqual([
      { metric: 'http_request_duration_seconds_bucket', labels: ['le', 'route', 'job', 'status'] },
    ]);
    expect(promqlSelectors('max by (instance) (process_resident_memory_bytes) / on (instance) nodejs_heap_size_used_bytes{job="x"}')).toEqual([
      { metric: 'process_resident_memory_bytes', labels: ['instance', 'instance'] },
      { metric: 'nodejs_heap_size_used_bytes', labels: ['instance', 'instance', 'job'] },
    ]);
  });
});

describe('infra/grafana/sales-ops.json', () => {
  let app: TestApp;
  let exported: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    await eventually(async () => (await app.request('GET', '/health/ready')).status === 200, { what: 'the app ready' });
    // A command and a refusal, so that the labelled series have samples.
    const token = await app.token('lead-generator', 'lg-grafana');
    expect((await app.request('POST', '/leads', { token, body: newLead })).status).toBe(201);
    expect((await app.request('POST', '/leads', { token, body: {} })).status).toBe(400);
    exported = (await app.request('GET', '/metrics')).body as string;
  });
  afterAll(() => app.close());

  it('lays its panels out on the 24-column grid, with unique ids, none over another', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of dashboard.panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`) ? title : '').toBe('');
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('queries only metrics the app exports, by labels they have', () => {
    const registry = app.running.app.get(Metrics).registry;
    const declared = new Set([...exported.matchAll(/^# TYPE (\S+) (\w+)$/gm)].map((match) => match[1]!));
    const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => promqlSelectors(target.expr).map((selector) => ({ panel: panel.title, ...selector }))));
    expect(queried.length).toBeGreaterThanOrEqual(dashboard.panels.length);
    for (const { panel, metric, labels } of queried) {
      // A histogram's series are its name with _bucket, _sum or _count.
      const family = [metric, metric.replace(/_(bucket|sum|count)$/, '')].find((name) => declared.has(name));
      expect({ panel, metric, exported: family !== undefined }).toEqual({ panel, metric, exported: true });
      const own = new Set<string>((registry.getSingleMetric(family!) as unknown as { labelNames: string[] }).labelNames);
      if (metric.endsWith('_bucket')) own.add('le');
      for (const label of labels) expect({ panel, metric, label, known: own.has(label) || SCRAPE_LABELS.has(label) }).toEqual({ panel, metric, label, known: true });
    }
  });

  it('would notice a metric the app does not export (the check can fail)', () => {
    const declared = new Set([...exported.matchAll(/^# TYPE (\S+) (\w+)$/gm)].map((match) => match[1]!));
    expect(declared.has('sales_ops_commands_total')).toBe(true);
    expect(declared.has('sales_ops_command_total')).toBe(false);
  });
});
