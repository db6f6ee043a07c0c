import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([Bars, GridComponent, TooltipComponent, CanvasRenderer]);

/** A small bar chart of counts; loaded lazily so echarts stays out of the first screen's bundle. */
export default function BarChart({ labels, values, colors }: { labels: string[]; values: number[]; colors?: string[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: values.map((v, i) => ({ value: v, itemStyle: { color: colors?.[i % colors.length] } })),
          label: { show: true, position: 'top' },
        },
      ],
    });
    const resize = () => chart.resize();
    const ro = new ResizeObserver(resize);
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [labels, values, colors]);
  return <div ref={el} style={{ width: '100%', height: 240 }} />;
}
