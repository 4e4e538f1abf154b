import type { RegionIndicators } from '../api/types';
import { t } from '../i18n/i18n';
import { aqiCategories, categoryName, categoryOf, noDataColor, outlineOf } from '../model/aqi';
import { Chart, em, legendStyle, palette } from '../ui/charts';
import { h } from '../ui/dom';

/** Slices are parted by the panel's own colour, the darkest bands by their light edge instead (see outlineOf). */
const panelEdge = '#0E1A30';

/** How many of a region's children are in each AQI category right now, those without a valid AQI counted apart. */
export class CategoryShare {
  readonly element: HTMLElement;
  private readonly chart: Chart;

  constructor() {
    this.element = h('div', { class: 'chart category-chart' });
    this.chart = new Chart(this.element);
  }

  update(children: RegionIndicators[]): void {
    const counts = new Map<string, number>();
    for (const child of children) {
      const key = (child.aqi && categoryOf(child.aqi.value)?.code) ?? 'noData';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const data = [
      ...aqiCategories().map((c) => ({ name: categoryName(c), value: counts.get(c.code) ?? 0, itemStyle: { color: c.colour, borderColor: outlineOf(c.colour) ?? panelEdge } })),
      { name: t('noData'), value: counts.get('noData') ?? 0, itemStyle: { color: noDataColor } },
    ].filter((d) => d.value > 0);
    this.chart.set({
      baseOption: {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { ...legendStyle(), formatter: (name: string) => `${name}  ${data.find((d) => d.name === name)?.value ?? 0}` },
        series: [{
          type: 'pie',
          label: { show: true, position: 'center', formatter: () => t('childCount', { n: children.length }), color: palette.text, fontSize: em(1) },
          labelLine: { show: false },
          itemStyle: { borderColor: panelEdge, borderWidth: 2 },
          emphasis: { scale: false, label: { show: true } },
          data,
        }],
      },
      // The legend beside the donut where there is room, under it on a narrow box (a phone): never over it.
      media: [
        { option: { legend: { orient: 'vertical', right: em(0.3), top: 'middle', bottom: 'auto', left: 'auto' }, series: [{ radius: ['44%', '70%'], center: ['34%', '50%'] }] } },
        {
          query: { maxAspectRatio: 1.5 },
          option: { legend: { orient: 'horizontal', left: 'center', bottom: 0, top: 'auto', right: 'auto' }, series: [{ radius: ['30%', '48%'], center: ['50%', '38%'] }] },
        },
      ],
    }, true);
  }

  dispose(): void {
    this.chart.dispose();
  }
}
