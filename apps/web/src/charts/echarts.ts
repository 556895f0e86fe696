/**
 * Apache ECharts, tree-shaken to what the pages draw (bars, lines, a funnel) with the SVG renderer: crisp at
 * any zoom and in screenshots, and the aria component describes each chart to a screen reader. Loaded apart
 * from the shell (chart.tsx imports it when a chart first mounts): it is most of the page's script, and the
 * page's requests need not wait for it.
 */
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';

use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

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
  return init(element, undefined, { renderer: 'svg' });
}
