import type { City } from '../api/types';
import { t } from '../i18n/i18n';
import { aqiCategories, categoryName, categoryOf, noDataColor } from '../model/aqi';
import { Chart, palette } from '../ui/charts';
import { h } from '../ui/dom';

/** How many districts are in each AQI category right now, districts without a valid AQI counted apart. */
export class CategoryShare {
  readonly element: HTMLElement;
  private readonly chart: Chart;

  constructor() {
    this.element = h('div', { class: 'chart category-chart' });
    this.chart = new Chart(this.element);
  }

  update(city: City): void {
    const counts = new Map<string, number>();
    for (const d of city.districts) {
      const key = (d.aqi && categoryOf(d.aqi.value)?.code) ?? 'noData';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const data = [
      ...aqiCategories().map((c) => ({ name: categoryName(c), value: counts.get(c.code) ?? 0, itemStyle: { color: c.colour } })),
      { name: t('noData'), value: counts.get('noData') ?? 0, itemStyle: { color: noDataColor } },
    ].filter((d) => d.value > 0);
    this.chart.set({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { orient: 'vertical', right: 4, top: 'middle', textStyle: { color: palette.text }, formatter: (name: string) => `${name}  ${data.find((d) => d.name === name)?.value ?? 0}` },
      series: [{
        type: 'pie',
        radius: ['44%', '70%'],
        center: ['36%', '50%'],
        label: { show: true, position: 'center', formatter: () => t('districtCount', { n: city.districts.length }), color: palette.text, fontSize: 15 },
        labelLine: { show: false },
        itemStyle: { borderColor: '#0e1a30', borderWidth: 2 },
        emphasis: { scale: false, label: { show: true } },
        data,
      }],
    }, true);
  }

  dispose(): void {
    this.chart.dispose();
  }
}
