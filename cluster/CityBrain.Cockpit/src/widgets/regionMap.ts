import type { Region, RegionIndicators } from '../api/types';
import { i18n, placeName, t } from '../i18n/i18n';
import { aqiCategories, aqiLook, categoryName, noDataColor } from '../model/aqi';
import { formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { Chart, em, palette } from '../ui/charts';
import { escapeHtml, h } from '../ui/dom';
import { KeyChooser } from '../ui/keyChooser';
import { withRegionMap } from '../ui/maps';

/** A region's children from GET /api/regions/{id}/map, each filled with the colour of its AQI category. A click or a
 *  tap opens a child; with the map focused, the arrow keys move from child to child and Enter opens the chosen one. */
export class RegionMap {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly canvas: HTMLElement;
  private readonly abort = new AbortController();
  private mapName: string | null = null;
  private region: Region | null = null;
  private readonly chooser: KeyChooser;

  constructor(regionId: string, onSelect: (childId: string) => void) {
    this.canvas = h('div', {
      class: 'chart map-chart', role: 'application', tabindex: 0, 'aria-label': t('mapKeys'),
      onkeydown: (e: Event) => this.chooser.key(e as KeyboardEvent, (this.region?.children ?? []).map((c) => c.id)),
    });
    this.element = h('div', { class: 'region-map' }, this.canvas, legend());
    this.chart = new Chart(this.canvas);
    this.chooser = new KeyChooser(this.chart, this.canvas, onSelect);
    this.chart.on('click', (params) => {
      const name = (params as { name?: string }).name;
      if (name) onSelect(name);
    });
    withRegionMap(regionId, this.abort.signal, (name) => {
      this.mapName = name;
      this.draw();
    });
  }

  update(region: Region): void {
    this.region = region;
    this.draw();
  }

  private draw(): void {
    if (!this.mapName || !this.region) return;
    const children = this.region.children;
    const byId = new Map(children.map((c) => [c.id, c]));
    // On a phone-sized map the names would run into each other: the AQI values stay, the names and the places without
    // a value (grey on the map) are in the ranking below.
    const named = this.canvas.clientWidth >= 560;
    const text = (c: RegionIndicators) => {
      const value = c.aqi ? String(Math.round(c.aqi.value)) : t('noData');
      if (named) return `${placeName(c)}\n${value}`;
      return c.aqi ? value : '';
    };
    this.chart.set({
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => tooltip(byId.get(p.name)) },
      series: [{
        type: 'map',
        map: this.mapName,
        nameProperty: 'id',
        roam: false,
        layoutCenter: ['50%', '50%'],
        layoutSize: '96%',
        selectedMode: false,
        itemStyle: { areaColor: noDataColor, borderColor: '#0B1426', borderWidth: 1.5 },
        label: { show: true, fontSize: em(children.length > 12 ? 0.72 : 0.85), lineHeight: em(children.length > 12 ? 0.95 : 1.1) },
        data: children.map((c) => {
          const look = aqiLook(c.aqi);
          return {
            name: c.id,
            value: c.aqi?.value ?? Number.NaN,
            // The darkest bands with a light edge: maroon on the dark page would be all but invisible, and next to purple.
            itemStyle: look.outline ? { areaColor: look.color, borderColor: look.outline, borderWidth: 2 } : { areaColor: look.color },
            label: { color: look.textColor, formatter: text(c) },
            // The accent, as keyboard focus is everywhere else: white is the darkest bands' own edge.
            emphasis: { itemStyle: { areaColor: look.color, borderColor: '#38BDF8', borderWidth: 3 }, label: { color: look.textColor } },
          };
        }),
      }],
    });
  }

  dispose(): void {
    this.abort.abort();
    this.chart.dispose();
  }
}

function legend(): HTMLElement {
  return h('ul', { class: 'aqi-legend' },
    ...aqiCategories().map((c, i, all) => h('li', {},
      h('span', { class: 'swatch', style: `background: ${c.colour}` }),
      `${c.lowerIndex}${i === all.length - 1 ? '+' : `–${c.upperIndex}`} ${categoryName(c)}`)),
    h('li', {}, h('span', { class: 'swatch', style: `background: ${noDataColor}` }), t('noData')));
}

function tooltip(place: RegionIndicators | undefined): string {
  if (!place) return '';
  const look = aqiLook(place.aqi);
  const pm25 = place.latest.pm2_5;
  const lines = [
    `<b>${escapeHtml(placeName(place))}</b>`,
    `${t('aqi')}: ${place.aqi ? Math.round(place.aqi.value) : t('noData')} <span style="color:${look.color}">●</span> ${escapeHtml(look.label)}`,
    `${label('pm2_5', i18n.language)}: ${pm25 ? `${formatValue('pm2_5', pm25.value)} ${displayUnit('pm2_5', pm25.unit)}` : t('noData')}`,
    `${t('devicesOnline')}: ${place.devicesOnline} / ${place.devicesRegistered}`,
  ];
  return `<div style="color:${palette.text}">${lines.join('<br>')}</div>`;
}
