import type { City } from '../api/types';
import { i18n, placeName, t } from '../i18n/i18n';
import { aqiLook } from '../model/aqi';
import { formatValue } from '../model/format';
import { displayUnit, label, trendMetrics } from '../model/quantities';
import { h, noData } from '../ui/dom';
import { districtColor, districtValue } from './districtMetric';

/** Every district, best first by the chosen metric; districts without a value come last and say so. */
export class RankingTable {
  readonly element: HTMLElement;
  readonly actions: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private metric: string | null = null;
  private city: City | null = null;

  constructor(private readonly onSelect: (districtId: string) => void) {
    this.body = h('tbody');
    this.actions = h('select', { class: 'select', 'aria-label': t('rankBy'), onchange: (e: Event) => this.choose((e.target as HTMLSelectElement).value) },
      ...trendMetrics.map((m) => h('option', { value: m }, label(m, i18n.language))));
    this.element = h('div', { class: 'table-scroll' }, h('table', { class: 'table ranking' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, t('district')), h('th', { class: 'num' }, t('value')), h('th', {}, ''), h('th', { class: 'num' }, t('devicesOnline')))),
      this.body));
  }

  update(city: City): void {
    this.city = city;
    // Until someone picks a metric: the AQI once the host computes it, PM2.5 before that.
    const metric = this.metric ?? (city.districts.some((d) => d.aqi) ? 'aqi' : 'pm2_5');
    (this.actions as HTMLSelectElement).value = metric;
    const rows = city.districts
      .map((d) => ({ district: d, value: districtValue(d, metric) }))
      .sort((a, b) => (a.value ?? Number.POSITIVE_INFINITY) - (b.value ?? Number.POSITIVE_INFINITY));
    const unit = displayUnit(metric, city.districts.find((d) => d.latest[metric])?.latest[metric]?.unit);
    this.body.replaceChildren(...rows.map(({ district, value }, i) => h('tr', {
      class: 'clickable',
      'data-district': district.id,
      tabindex: 0,
      onclick: () => this.onSelect(district.id),
      onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter') this.onSelect(district.id); },
    },
    h('td', { class: 'num rank' }, value == null ? '–' : String(i + 1)),
    h('td', {}, h('span', { class: 'chip', style: `background: ${districtColor(district, metric)}` }), placeName(district)),
    h('td', { class: 'num' }, value == null ? noData() : `${formatValue(metric, value)}${unit ? ` ${unit}` : ''}`),
    h('td', { class: 'muted' }, metric === 'aqi' && value != null ? aqiLook(district.aqi).label : ''),
    h('td', { class: 'num muted' }, `${district.devicesOnline} / ${district.devicesRegistered}`))));
  }

  private choose(metric: string): void {
    this.metric = metric;
    if (this.city) this.update(this.city);
  }
}
