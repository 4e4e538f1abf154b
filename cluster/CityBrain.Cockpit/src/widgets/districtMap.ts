import type { City, CityMap, District } from '../api/types';
import { i18n, placeName, t } from '../i18n/i18n';
import { aqiCategories, aqiLook, categoryName, noDataColor } from '../model/aqi';
import { formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { Chart, echarts, palette } from '../ui/charts';
import { h } from '../ui/dom';

const mapName = 'citybrain-districts';
let registered: CityMap | null = null;

/** The city's districts from GET /api/city/map, each filled with the colour of its AQI category. */
export class DistrictMap {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly legend: HTMLElement;

  constructor(map: CityMap, onSelect: (districtId: string) => void) {
    if (registered !== map) {
      // The GeoJSON from the host is plain GeoJSON; ECharts' types want its own narrower feature type.
      echarts.registerMap(mapName, map as unknown as Parameters<typeof echarts.registerMap>[1]);
      registered = map;
    }
    const canvas = h('div', { class: 'chart map-chart', role: 'img' });
    this.legend = h('ul', { class: 'aqi-legend' });
    this.element = h('div', { class: 'district-map' }, canvas, this.legend);
    this.chart = new Chart(canvas);
    this.chart.on('click', (params) => {
      const name = (params as { name?: string }).name;
      if (name) onSelect(name);
    });
    this.renderLegend();
  }

  update(city: City): void {
    const byId = new Map(city.districts.map((d) => [d.id, d]));
    this.chart.set({
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => tooltip(byId.get(p.name)) },
      series: [{
        type: 'map',
        map: mapName,
        nameProperty: 'id',
        roam: false,
        aspectScale: 0.8,
        layoutCenter: ['50%', '50%'],
        layoutSize: '96%',
        selectedMode: false,
        itemStyle: { areaColor: noDataColor, borderColor: '#0B1426', borderWidth: 1.5 },
        label: { show: true, fontSize: 13, lineHeight: 17 },
        data: city.districts.map((d) => {
          const look = aqiLook(d.aqi);
          return {
            name: d.id,
            value: d.aqi?.value ?? Number.NaN,
            itemStyle: { areaColor: look.color },
            label: { color: look.textColor, formatter: `${placeName(d)}\n${d.aqi ? Math.round(d.aqi.value) : t('noData')}` },
            emphasis: { itemStyle: { areaColor: look.color, borderColor: '#FFFFFF', borderWidth: 2.5 }, label: { color: look.textColor } },
          };
        }),
      }],
    });
  }

  private renderLegend(): void {
    this.legend.replaceChildren(
      ...aqiCategories().map((c, i, all) => h('li', {},
        h('span', { class: 'swatch', style: `background: ${c.colour}` }),
        `${c.lowerIndex}${i === all.length - 1 ? '+' : `–${c.upperIndex}`} ${categoryName(c)}`)),
      h('li', {}, h('span', { class: 'swatch', style: `background: ${noDataColor}` }), t('noData')));
  }

  dispose(): void {
    this.chart.dispose();
  }
}

function tooltip(district: District | undefined): string {
  if (!district) return '';
  const look = aqiLook(district.aqi);
  const pm25 = district.latest.pm2_5;
  const lines = [
    `<b>${escape(placeName(district))}</b>`,
    `${t('aqi')}: ${district.aqi ? Math.round(district.aqi.value) : t('noData')} <span style="color:${look.color}">●</span> ${escape(look.label)}`,
    `${label('pm2_5', i18n.language)}: ${pm25 ? `${formatValue('pm2_5', pm25.value)} ${displayUnit('pm2_5', pm25.unit)}` : t('noData')}`,
    `${t('devicesOnline')}: ${district.devicesOnline} / ${district.devicesRegistered}`,
  ];
  return `<div style="color:${palette.text}">${lines.join('<br>')}</div>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
