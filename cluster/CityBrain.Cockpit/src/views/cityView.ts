import { api } from '../api/client';
import { t } from '../i18n/i18n';
import { h, panel } from '../ui/dom';
import { aqiCard } from '../widgets/aqiCard';
import { AlertList } from '../widgets/alertList';
import { CategoryShare } from '../widgets/categoryShare';
import { cityTiles } from '../widgets/cityTiles';
import { DistrictMap } from '../widgets/districtMap';
import { RankingTable } from '../widgets/rankingTable';
import { periods, TrendChart } from '../widgets/trendChart';
import { paths, type View, type ViewContext } from './view';

const cityTrendMetrics = ['aqi', 'pm2_5', 'pm10', 'o3', 'no2'] as const;

/** The whole city on one screen: AQI and headline numbers, the district map, the ranking, alerts and 24-hour trends. */
export function cityView(context: ViewContext): View {
  const open = (id: string) => context.navigate(paths.district(id));
  const map = new DistrictMap(context.map, open);
  const ranking = new RankingTable(open);
  const alerts = new AlertList();
  const trend = new TrendChart((q, signal) => api.cityHistory(q, signal), cityTrendMetrics, [periods.day]);
  const share = new CategoryShare();
  const headline = h('div', { class: 'headline' });

  const element = h('div', { class: 'view city-view', 'data-view': 'city' },
    h('div', { class: 'col-left' }, headline, panel(t('byCategory'), share.element, { class: 'share-panel' })),
    panel(t('map'), map.element, { class: 'col-map' }),
    h('div', { class: 'col-right' },
      panel(t('ranking'), ranking.element, { class: 'ranking-panel', actions: ranking.actions }),
      panel(t('alerts'), alerts.element, { class: 'alerts-panel' })),
    panel(t('trends24h'), trend.element, { class: 'row-trend' }));

  const unsubscribe = context.store.onCity((city) => {
    headline.replaceChildren(aqiCard(t('cityAqi'), city.aqi), cityTiles(city));
    share.update(city);
    map.update(city);
    ranking.update(city);
    alerts.update(city);
  });

  return {
    element,
    dispose() {
      unsubscribe();
      share.dispose();
      map.dispose();
      alerts.dispose();
      trend.dispose();
    },
  };
}
