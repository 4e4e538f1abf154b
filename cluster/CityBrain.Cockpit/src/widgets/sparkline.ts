import type { History } from '../api/types';
import { formatDateTime, formatValue } from '../model/format';
import { Chart, palette } from '../ui/charts';
import { h } from '../ui/dom';
import { loneDots, withGaps } from '../model/series';

const hourMs = 3_600_000;

/** A small line without axes: the shape of one quantity over the last day, with gaps where it had no valid value. */
export class Sparkline {
  readonly element: HTMLElement;
  private readonly chart: Chart;

  constructor(private readonly metric: string, private readonly unit: string) {
    this.element = h('div', { class: 'chart sparkline' });
    this.chart = new Chart(this.element);
  }

  update(history: History | null): void {
    const data = history ? withGaps(history, hourMs) : [];
    this.element.classList.toggle('no-history', !data.some(([, v]) => v != null));
    this.chart.set({
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'time', show: false },
      yAxis: { type: 'value', show: false, scale: true },
      tooltip: {
        trigger: 'axis',
        formatter: (p: { value: [number, number | null] }[]) =>
          p.length ? `${formatDateTime(new Date(p[0].value[0]))}<br>${formatValue(this.metric, p[0].value[1]) ?? '–'} ${this.unit}` : '',
      },
      series: [{
        type: 'line', data, ...loneDots(data, 5), connectNulls: false,
        itemStyle: { color: palette.series[0] }, lineStyle: { width: 1.5, color: palette.series[0] }, areaStyle: { opacity: 0.12, color: palette.series[0] },
      }],
    }, true);
  }

  dispose(): void {
    this.chart.dispose();
  }
}
