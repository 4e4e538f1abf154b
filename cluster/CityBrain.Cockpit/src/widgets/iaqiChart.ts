import type { Aqi } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { indexColor, outlineOf } from '../model/aqi';
import { aqiPollutants, label } from '../model/quantities';
import { axisStyle, Chart, em, palette } from '../ui/charts';
import { h } from '../ui/dom';

/** One bar per pollutant's IAQI in its category colour, with the line at 100 above which a pollutant exceeds. */
export class IaqiChart {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly message: HTMLElement;

  constructor() {
    const canvas = h('div', { class: 'chart iaqi-chart' });
    this.message = h('div', { class: 'chart-message' }, t('noData'));
    this.element = h('div', { class: 'chart-frame' }, canvas, this.message);
    this.chart = new Chart(canvas);
  }

  update(aqi: Aqi | null | undefined): void {
    const entries = Object.entries(aqi?.iaqi ?? {})
      .sort(([a], [b]) => order(a) - order(b));
    this.message.hidden = entries.length > 0;
    this.chart.set({
      grid: { left: em(7.3), right: em(2.7), top: em(0.5), bottom: em(1.6) },
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: IAQI ${p.value}` },
      xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(150, Math.ceil(v.max / 50) * 50), ...axisStyle() },
      yAxis: { type: 'category', inverse: true, data: entries.map(([p]) => label(p, i18n.language)), ...axisStyle(), axisLabel: { color: palette.text, fontSize: em(0.8) } },
      series: [{
        type: 'bar',
        barMaxWidth: em(1.2),
        // A bar of the darkest bands with the light edge it needs on the dark panel, as on the map.
        data: entries.map(([, v]) => {
          const outline = outlineOf(indexColor(v));
          return { value: v, itemStyle: { color: indexColor(v), borderRadius: [0, 3, 3, 0], ...(outline && { borderColor: outline, borderWidth: 1.5 }) } };
        }),
        label: { show: true, position: 'right', color: palette.text },
        markLine: { symbol: 'none', silent: true, data: [{ xAxis: 100 }], lineStyle: { color: palette.muted, type: 'dashed' }, label: { show: false } },
      }],
    }, true);
  }

  dispose(): void {
    this.chart.dispose();
  }
}

function order(pollutant: string): number {
  const i = aqiPollutants.findIndex((p) => pollutant.startsWith(p));
  return i < 0 ? aqiPollutants.length : i;
}
