/**
 * Apache ECharts, tree-shaken to what the pages draw (bars, lines, a funnel) with the canvas renderer (drawn at
 * the screen's pixel ratio; the aria component describes each chart to a screen reader). The SVG renderer
 * took about 750 ms of the renderer's main thread for the dashboard's six charts on our 2-core machine, the
 * canvas one about 400: most of a page's own time. Loaded apart from the shell (chart.tsx imports it; the
 * document prefetches it): it is most of the page's script, and the page's requests need not wait for it.
 */
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';

use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | AriaComponentOption
>;

/** Labels and tooltips are formatted by the pages (Intl), so ECharts' own locale does not show. */
export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}
