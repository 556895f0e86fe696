/**
 * A chart takes numbers (an ECharts option built by its caller) and draws them; it fetches nothing.
 * `label` is its accessible name; `onSelect` gets the index of a clicked bar, point or funnel stage.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ECharts } from 'echarts/core';
import { createChart, type ChartOption } from './echarts';

interface ChartProps {
  readonly option: ChartOption;
  readonly label: string;
  readonly height?: number;
  readonly onSelect?: (dataIndex: number, seriesIndex: number) => void;
  readonly testId?: string;
}

export function Chart({ option, label, height = 260, onSelect, testId }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const instance = createChart(element.current!);
    chart.current = instance;
    instance.on('click', (event) => {
      const e = event as { dataIndex?: number; seriesIndex?: number };
      if (e.dataIndex !== undefined) select.current?.(e.dataIndex, e.seriesIndex ?? 0);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, aria: { enabled: true, label: { description: label } }, ...option }, { notMerge: true });
  }, [option, label]);

  return <div class="chart" ref={element} role="img" aria-label={label} style={{ height: `${height}px` }} data-testid={testId} />;
}
