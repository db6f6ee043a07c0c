import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { CustomChart, LineChart, LinesChart, MapChart, ScatterChart, EffectScatterChart } from 'echarts/charts';
import { DataZoomComponent, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECharts } from 'echarts/core';

echarts.use([CustomChart, LineChart, LinesChart, MapChart, ScatterChart, EffectScatterChart, DataZoomComponent, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

/** One ECharts instance bound to a div: option changes are applied in place, the chart follows its box's size. */
export function EChart(props: { option: EChartsCoreOption; style?: CSSProperties; onClick?: (params: { name?: string; data?: unknown; seriesName?: string }) => void; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(props.onClick);
  click.current = props.onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as never));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return <div ref={el} data-testid={props.testId} style={{ width: '100%', height: 320, ...props.style }} />;
}
