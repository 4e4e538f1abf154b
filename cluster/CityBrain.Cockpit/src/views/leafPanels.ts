import { api, type HistoryQuery } from '../api/client';
import type { RegionNode } from '../api/types';
import { placeName, t } from '../i18n/i18n';
import { airQuantities, climateQuantities, networkTrendMetrics, trendMetrics } from '../model/quantities';
import { h, panel } from '../ui/dom';
import { AlertList } from '../widgets/alertList';
import { aqiCard } from '../widgets/aqiCard';
import { deviceTable } from '../widgets/deviceTable';
import { KeyFigures } from '../widgets/keyFigures';
import { IaqiChart } from '../widgets/iaqiChart';
import { networkDeviceLists, networkTiles } from '../widgets/networkTiles';
import { noisePanel } from '../widgets/noisePanel';
import { quantityTiles } from '../widgets/quantityTiles';
import { SiteMap } from '../widgets/siteMap';
import { SupervisionPanel } from '../widgets/supervisionPanel';
import { periods, TrendChart } from '../widgets/trendChart';
import type { RegionPanels } from './panels';
import { paths, type ViewContext } from './view';

/** A leaf of the tree (a district), where the devices register: AQI and IAQI, concentrations, noise against its zone,
 *  climate, network health, its devices on its map and in a list, its alerts and trends. */
export function leafPanels(context: ViewContext, node: RegionNode): RegionPanels {
  const iaqi = new IaqiChart();
  const history = (q: HistoryQuery, signal: AbortSignal) => api.history(node.id, q, signal);
  const trend = new TrendChart(history, trendMetrics, [periods.day, periods.week, periods.month]);
  const networkTrend = new TrendChart(history, networkTrendMetrics, [periods.day, periods.week]);
  const alerts = new AlertList(node.id, context.store.index);
  const figures = new KeyFigures(node.id);
  const supervision = new SupervisionPanel(node.id, (id) => context.navigate(paths.case(id)));
  const sites = new SiteMap(node.id, (id) => context.navigate(paths.device(id)));
  const aqiSlot = h('div', { class: 'aqi-slot' });
  const air = h('div');
  const climate = h('div');
  const noise = h('div');
  const network = h('div');
  const devices = h('div', { class: 'devices-list' }, t('loading'));

  const element = h('div', { class: 'leaf-grid' },
    h('div', { class: 'col-left' }, aqiSlot, panel(t('iaqi'), iaqi.element, { class: 'iaqi-panel' }), panel(t('climate'), climate, { class: 'climate-panel' })),
    h('div', { class: 'col-mid' },
      panel(t('keyFigures'), figures.element, { class: 'figures-panel' }),
      panel(t('concentrations'), air, { class: 'air-panel' }),
      panel(t('noiseDayNight'), noise, { class: 'noise-panel' }),
      panel(t('siteMap'), sites.element, { class: 'sites-panel' }),
      panel(t('supervision'), supervision.element, { class: 'supervision-panel' })),
    h('div', { class: 'col-right' },
      panel(t('networkHealth'), h('div', { class: 'network-body' }, network, networkTrend.element), { class: 'network-panel', actions: networkTrend.actions }),
      panel(t('devices'), devices, { class: 'devices-panel' }),
      panel(t('alerts'), alerts.element, { class: 'alerts-panel' })),
    panel(t('trends'), trend.element, { class: 'row-trend', actions: trend.actions }));

  return {
    element,
    update(region) {
      aqiSlot.replaceChildren(aqiCard(t('regionAqi', { place: placeName(region) }), region.aqi, region.dailyAqi));
      iaqi.update(region.aqi);
      air.replaceChildren(quantityTiles(region, airQuantities));
      climate.replaceChildren(quantityTiles(region, climateQuantities, true));
      noise.replaceChildren(noisePanel(region));
      trend.useNoiseZone(region.noise ? { zone: region.noise.zone ?? region.noiseZone, limitDay: region.noise.limitDay, limitNight: region.noise.limitNight } : null);
      network.replaceChildren(networkTiles(region), networkDeviceLists(region, (id) => context.navigate(paths.device(id))) ?? '');
      sites.update(region);
      devices.replaceChildren(deviceTable(region.devices ?? [], (id) => context.navigate(paths.device(id))));
      alerts.update(region);
      figures.update(region);
      supervision.update();
    },
    dispose() {
      iaqi.dispose();
      trend.dispose();
      networkTrend.dispose();
      alerts.dispose();
      figures.dispose();
      supervision.dispose();
      sites.dispose();
    },
  };
}
