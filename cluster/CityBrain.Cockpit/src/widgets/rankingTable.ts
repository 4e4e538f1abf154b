import { api } from '../api/client';
import type { RankChange, RankedRegion, Region, RegionRanking } from '../api/types';
import { i18n, placeName, t } from '../i18n/i18n';
import { aqiLook, indexColor, noDataColor } from '../model/aqi';
import { formatValue } from '../model/format';
import { displayUnit, label, rankingMetrics } from '../model/quantities';
import { h, noData } from '../ui/dom';
import { refresher } from '../views/refresher';

/** A region's children as GET /api/rankings ranks them (cleanest first, places without a value last), with how each
 *  moved since an hour and a day before; the page never ranks by itself. */
export class RankingTable {
  readonly element: HTMLElement;
  readonly actions: HTMLSelectElement;
  private readonly body: HTMLTableSectionElement;
  private readonly valueHead: HTMLElement;
  private metric = 'aqi';
  private region: Region | null = null;
  private ranking: RegionRanking | null = null;
  private readonly refresh: ReturnType<typeof refresher>;

  constructor(private readonly regionId: string, placeHeading: string, private readonly onSelect: (childId: string) => void) {
    this.body = h('tbody');
    this.valueHead = h('th', { class: 'num' }, t('aqi'));
    this.actions = h('select', { class: 'select', 'aria-label': t('rankBy'), onchange: (e: Event) => this.choose((e.target as HTMLSelectElement).value) },
      ...rankingMetrics.map((m) => h('option', { value: m }, label(m, i18n.language))));
    this.element = h('div', { class: 'table-scroll' }, h('table', { class: 'table ranking' },
      h('thead', {}, h('tr', {},
        h('th', { class: 'num rank' }, '#'), h('th', {}, placeHeading), this.valueHead,
        h('th', { class: 'num change' }, t('versusHour')), h('th', { class: 'num change' }, t('versusDay')))),
      this.body));
    this.refresh = refresher(async (signal) => {
      this.ranking = await api.ranking(this.regionId, this.metric, signal);
      this.render();
    });
  }

  /** Each update of the region means new values: the ranking is asked again (never two requests at once). */
  update(region: Region): void {
    this.region = region;
    this.refresh();
  }

  private choose(metric: string): void {
    this.metric = metric;
    this.refresh();
  }

  private render(): void {
    const ranking = this.ranking;
    const metric = ranking?.metric ?? this.metric;
    const unit = displayUnit(metric, ranking?.unit);
    this.valueHead.textContent = label(metric, i18n.language);
    if (!ranking) {
      this.body.replaceChildren(h('tr', {}, h('td', { colspan: 5 }, noData())));
      return;
    }
    this.body.replaceChildren(...ranking.children.map((child) => h('tr', {
      class: 'clickable',
      'data-region': child.id,
      tabindex: 0,
      onclick: () => this.onSelect(child.id),
      onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter') this.onSelect(child.id); },
    },
    h('td', { class: 'num rank' }, child.rank == null ? '–' : String(child.rank)),
    h('td', { class: 'place' }, h('span', { class: 'chip', style: `background: ${this.colour(child, metric)}` }), h('span', { class: 'place-name' }, placeName(child))),
    h('td', { class: 'num' }, child.value == null ? noData() : `${formatValue(metric, child.value)}${unit && metric !== 'aqi' ? ` ${unit}` : ''}`),
    h('td', { class: 'num change' }, movement(child.previousHour)),
    h('td', { class: 'num change' }, movement(child.previousDay)))));
  }

  /** The AQI category's colour for the AQI, the pollutant's IAQI category for a pollutant, grey without either. */
  private colour(child: RankedRegion, metric: string): string {
    const indicators = this.region?.children.find((c) => c.id === child.id);
    if (child.value == null) return noDataColor;
    if (metric === 'aqi') return indicators?.aqi ? aqiLook(indicators.aqi).color : indexColor(child.value);
    const iaqi = indicators?.aqi?.iaqi?.[metric];
    return iaqi != null ? indexColor(iaqi) : noDataColor;
  }

  dispose(): void {
    this.refresh.stop();
  }
}

/** ▲ places gained (towards cleaner), ▼ places lost, = unchanged, nothing when there is no earlier rank. */
function movement(change: RankChange | null | undefined): HTMLElement | string {
  const gained = change?.placesGained;
  if (gained == null) return '';
  if (gained === 0) return h('span', { class: 'move same', title: t('placesSame') }, '=');
  const up = gained > 0;
  return h('span', { class: `move ${up ? 'up' : 'down'}`, title: t(up ? 'placesUp' : 'placesDown', { n: Math.abs(gained) }) },
    `${up ? '▲' : '▼'}${Math.abs(gained)}`);
}
