import { api } from '../api/client';
import type { RegionNode } from '../api/types';
import { placeName, t } from '../i18n/i18n';
import { airQuantities, climateQuantities } from '../model/quantities';
import { h, panel } from '../ui/dom';
import { levelName, levelsName } from '../ui/places';
import { AlertList } from '../widgets/alertList';
import { aqiCard } from '../widgets/aqiCard';
import { KeyFigures } from '../widgets/keyFigures';
import { CategoryShare } from '../widgets/categoryShare';
import { networkTiles } from '../widgets/networkTiles';
import { noisePanel } from '../widgets/noisePanel';
import { quantityTiles } from '../widgets/quantityTiles';
import { RankingTable } from '../widgets/rankingTable';
import { RegionMap } from '../widgets/regionMap';
import { SupervisionPanel } from '../widgets/supervisionPanel';
import { periods, TrendChart } from '../widgets/trendChart';
import type { RegionPanels } from './panels';
import { paths, type ViewContext } from './view';

const headlineAir = airQuantities.filter((q) => ['pm2_5', 'pm10', 'o3', 'no2', 'so2', 'co'].includes(q));
const trendMetrics = ['aqi', 'pm2_5', 'pm10', 'o3', 'no2'] as const;

/** A region above the districts (a province, a city): its own indicators, and its children on a map, in the host's
 *  ranking and in the category donut, with the alerts of everything below and its trends. */
export function parentPanels(context: ViewContext, node: RegionNode): RegionPanels {
  const open = (id: string) => context.navigate(paths.region(id));
  const childLevel = node.children[0]?.level ?? '';
  const children = levelsName(childLevel);
  const map = new RegionMap(node.id, open);
  const ranking = new RankingTable(node.id, levelName(childLevel), open);
  const alerts = new AlertList(node.id, context.store.index);
  const figures = new KeyFigures(node.id);
  const supervision = new SupervisionPanel(node.id, (id) => context.navigate(paths.case(id)));
  const trend = new TrendChart((q, signal) => api.history(node.id, q, signal), trendMetrics, [periods.day, periods.week, periods.month]);
  const share = new CategoryShare();
  const aqiSlot = h('div', { class: 'aqi-slot' });
  const air = h('div');
  const noise = h('div');
  const climate = h('div');
  const network = h('div');

  const element = h('div', { class: 'parent-grid' },
    h('div', { class: 'col-left' },
      aqiSlot,
      panel(t('keyFigures'), figures.element, { class: 'figures-panel' }),
      panel(t('concentrations'), air, { class: 'air-panel' }),
      panel(t('noiseDayNight'), noise, { class: 'noise-panel' }),
      panel(t('climate'), climate, { class: 'climate-panel' }),
      panel(t('networkHealth'), network, { class: 'network-panel' }),
      panel(t('supervision'), supervision.element, { class: 'supervision-panel' })),
    panel(t('mapOf', { children }), map.element, { class: 'col-map' }),
    h('div', { class: 'col-right' },
      panel(t('rankingOf', { child: levelName(childLevel) }), ranking.element, { class: 'ranking-panel', actions: ranking.actions }),
      panel(t('alerts'), alerts.element, { class: 'alerts-panel' })),
    panel(t('trends'), trend.element, { class: 'row-trend', actions: trend.actions }),
    panel(t('byCategoryOf', { children }), share.element, { class: 'share-panel' }));

  return {
    element,
    update(region) {
      aqiSlot.replaceChildren(aqiCard(t('regionAqi', { place: placeName(region) }), region.aqi, region.dailyAqi));
      air.replaceChildren(quantityTiles(region, headlineAir, true));
      noise.replaceChildren(noisePanel(region));
      climate.replaceChildren(quantityTiles(region, climateQuantities, true));
      network.replaceChildren(networkTiles(region));
      map.update(region);
      ranking.update(region);
      alerts.update(region);
      figures.update(region);
      supervision.update();
      share.update(region.children);
    },
    dispose() {
      map.dispose();
      ranking.dispose();
      alerts.dispose();
      figures.dispose();
      supervision.dispose();
      trend.dispose();
      share.dispose();
    },
  };
}
