import type { Region } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { formatDateTime, formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { conditions, type DeviceCondition, type SitePoint, sitePoints } from '../model/sites';
import { Chart, em, palette } from '../ui/charts';
import { escapeHtml, h } from '../ui/dom';
import { KeyChooser } from '../ui/keyChooser';
import { withRegionMap } from '../ui/maps';

/** Each condition by shape as well as colour, so that it reads without telling red from amber; the shape's character
 *  stands for it in the legend and the tooltip. */
const looks: Record<DeviceCondition, { symbol: string; mark: string; colour: string; border: string }> = {
  ok: { symbol: 'circle', mark: '●', colour: '#34D399', border: '#0B1426' },
  stale: { symbol: 'triangle', mark: '▲', colour: '#F59E0B', border: '#0B1426' },
  faulty: { symbol: 'diamond', mark: '◆', colour: '#FB7185', border: '#0B1426' },
  offline: { symbol: 'rect', mark: '■', colour: '#94A3BB', border: '#FF4D4F' },
};

const names: Record<DeviceCondition, 'deviceOk' | 'deviceStale' | 'deviceFaulty' | 'deviceOffline'> = {
  ok: 'deviceOk', stale: 'deviceStale', faulty: 'deviceFaulty', offline: 'deviceOffline',
};

/** A district's gateways where they stand, on its outline, each marked by its condition: a technician sees where the
 *  offline and stale ones are before driving out. A click, or Enter on the one chosen with the arrow keys, opens it. */
export class SiteMap {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly canvas: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly abort = new AbortController();
  private readonly chooser: KeyChooser;
  private mapName: string | null = null;
  private points: SitePoint[] = [];
  private unplaced = 0;

  constructor(regionId: string, onSelect: (deviceId: string) => void) {
    this.canvas = h('div', {
      class: 'chart site-map-chart', role: 'application', tabindex: 0, 'aria-label': t('siteMapKeys'),
      onkeydown: (e: Event) => this.chooser.key(e as KeyboardEvent, this.points.map((p) => p.device.id)),
    });
    this.legend = h('ul', { class: 'site-legend' });
    this.element = h('div', { class: 'site-map' }, this.canvas, this.legend);
    this.chart = new Chart(this.canvas);
    this.chooser = new KeyChooser(this.chart, this.canvas, onSelect);
    this.chart.on('click', (params) => {
      const name = (params as { componentType?: string; name?: string }).name;
      if ((params as { componentType?: string }).componentType === 'series' && name) onSelect(name);
    });
    withRegionMap(regionId, this.abort.signal, (name) => {
      this.mapName = name;
      this.draw();
    });
  }

  update(district: Region): void {
    ({ placed: this.points, unplaced: this.unplaced } = sitePoints(district));
    this.canvas.dataset.devices = String(this.points.length);
    this.legend.replaceChildren(...conditions.map((c) => h('li', { 'data-condition': c },
      h('span', { class: 'site-mark', style: `color: ${looks[c].colour}` }, looks[c].mark),
      `${t(names[c])} ${this.points.filter((p) => p.condition === c).length}`)),
    ...(this.unplaced > 0 ? [h('li', { class: 'muted', 'data-condition': 'unplaced' }, t('devicesUnplaced', { n: this.unplaced }))] : []));
    this.draw();
  }

  private draw(): void {
    if (!this.mapName) return;
    const byId = new Map(this.points.map((p) => [p.device.id, p]));
    this.chart.set({
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => tooltip(byId.get(p.name)) },
      geo: {
        map: this.mapName,
        nameProperty: 'id',
        roam: false,
        silent: true,
        layoutCenter: ['50%', '50%'],
        layoutSize: '94%',
        label: { show: false },
        itemStyle: { areaColor: '#14213A', borderColor: '#38BDF8', borderWidth: 1.2 },
      },
      series: [{
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: em(0.95),
        data: this.points.map((p) => ({
          name: p.device.id,
          value: [p.longitude, p.latitude],
          symbol: looks[p.condition].symbol,
          itemStyle: { color: looks[p.condition].colour, borderColor: looks[p.condition].border, borderWidth: p.condition === 'offline' ? 2 : 1 },
        })),
        emphasis: { scale: 1.6, itemStyle: { borderColor: '#38BDF8', borderWidth: 3 } },
      }],
    });
  }

  dispose(): void {
    this.abort.abort();
    this.chart.dispose();
  }
}

function tooltip(point: SitePoint | undefined): string {
  if (!point) return '';
  const { device, condition } = point;
  const pm25 = device.latest.pm2_5;
  const lines = [
    `<b>${escapeHtml(device.site?.name ?? device.id)}</b>`,
    `<span class="mono">${escapeHtml(device.id)}</span>`,
    `<span style="color:${looks[condition].colour}">${looks[condition].mark}</span> ${escapeHtml(t(names[condition]))} · ${t('lastSeen')}: ${escapeHtml(formatDateTime(device.lastSeen))}`,
    `${label('pm2_5', i18n.language)}: ${pm25 != null ? `${formatValue('pm2_5', pm25)} ${displayUnit('pm2_5')}` : t('noData')}`,
  ];
  return `<div style="color:${palette.text}">${lines.join('<br>')}</div>`;
}
