/**
 * A chart takes numbers (an ECharts option built by its caller) and draws them; it fetches nothing.
 * `label` is its accessible name; `onSelect` gets the index of a clicked bar, point or funnel stage.
 * ECharts is loaded when the first chart mounts (see echarts.ts); until then the chart's box keeps its size.
 */
import { effect, signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ECharts } from 'echarts/core';
import type { ChartOption } from './echarts';

type Engine = typeof import('./echarts');
let loading: Promise<Engine> | undefined;
const loadEngine = (): Promise<Engine> => (loading ??= import('./echarts'));

/** Starts loading ECharts now (a page that will draw charts calls it before its data arrives). */
export function preloadCharts(): void {
  void loadEngine();
}

/** Charts mounted that have not drawn their first option yet (ECharts still loading, or not set yet). */
const undrawn = signal(0);

/**
 * Calls `then` once every chart mounted so far has drawn (at once if they have); returns a function that
 * cancels. A page's "fully drawn" mark waits for it, since a chart draws only once ECharts has loaded.
 */
export function whenChartsDrawn(then: () => void): () => void {
  let done = false;
  const dispose = effect(() => {
    if (done || undrawn.value > 0) return;
    done = true;
    then();
    // Not from inside the effect's first run: `dispose` is not set until effect() returns.
    queueMicrotask(() => dispose());
  });
  return dispose;
}

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
  const [engine, setEngine] = useState<Engine | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;

  const drawn = useRef(false);

  useEffect(() => {
    let mounted = true;
    undrawn.value += 1;
    void loadEngine().then((loaded) => mounted && setEngine(loaded));
    return () => {
      mounted = false;
      if (!drawn.current) undrawn.value -= 1;
    };
  }, []);

  useEffect(() => {
    if (engine === undefined) return;
    const instance = engine.createChart(element.current!);
    chart.current = instance;
    instance.on('click', (event) => {
      const e = event as { dataIndex?: number; seriesIndex?: number };
      if (e.dataIndex !== undefined) select.current?.(e.dataIndex, e.seriesIndex ?? 0);
    });
    // A ResizeObserver reports the size it found when it starts observing: that one is the size drawn already.
    let first = true;
    const observer = new ResizeObserver(() => {
      if (first) first = false;
      else instance.resize();
    });
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [engine]);

  useEffect(() => {
    if (chart.current === undefined) return;
    chart.current.setOption({ animation: false, aria: { enabled: true, label: { description: label } }, ...option }, { notMerge: true });
    if (!drawn.current) {
      drawn.current = true;
      undrawn.value -= 1;
    }
  }, [option, label, engine]);

  return <div class="chart" ref={element} role="img" aria-label={label} style={{ height: `${height}px` }} data-testid={testId} />;
}
