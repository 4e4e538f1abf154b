import { api } from '../api/client';
import type { District } from '../api/types';
import { i18n, placeName, t } from '../i18n/i18n';
import { formatDateTime, formatValue } from '../model/format';
import { airQuantities, climateQuantities, displayUnit, label, newerStationQuantities, trendMetrics } from '../model/quantities';
import { h, panel } from '../ui/dom';
import { aqiCard } from '../widgets/aqiCard';
import { deviceTable } from '../widgets/deviceTable';
import { IaqiChart } from '../widgets/iaqiChart';
import { networkTiles } from '../widgets/networkTiles';
import { noisePanel } from '../widgets/noisePanel';
import { periods, TrendChart } from '../widgets/trendChart';
import { valueTile } from '../widgets/valueTile';
import { paths, type View, type ViewContext } from './view';
import { refresher } from './refresher';

/** One district: AQI and IAQI, concentrations, noise against its zone, network health, devices and trends. */
export function districtView(context: ViewContext, districtId: string): View {
  const iaqi = new IaqiChart();
  const trend = new TrendChart((q, signal) => api.districtHistory(districtId, q, signal), trendMetrics, [periods.day, periods.week, periods.month]);
  const title = h('h1', {}, districtId);
  const subtitle = h('span', { class: 'muted' });
  const aqiSlot = h('div');
  const air = h('div', { class: 'tiles' });
  const climate = h('div', { class: 'tiles compact' });
  const noise = h('div');
  const network = h('div');
  const devices = h('div', {}, t('loading'));

  const element = h('div', { class: 'view district-view', 'data-view': 'district', 'data-district': districtId },
    h('div', { class: 'view-head' },
      h('a', { href: paths.city(), class: 'back', 'data-link': true }, `← ${t('navCity')}`),
      title, subtitle),
    h('div', { class: 'district-grid' },
      h('div', { class: 'col-left' }, aqiSlot, panel(t('iaqi'), iaqi.element, { class: 'iaqi-panel' })),
      h('div', { class: 'col-mid' },
        panel(t('concentrations'), air),
        panel(t('noiseDayNight'), noise),
        panel(t('climate'), climate)),
      h('div', { class: 'col-right' },
        panel(t('networkHealth'), network),
        panel(t('devices'), devices, { class: 'devices-panel' })),
      panel(t('trends'), trend.element, { class: 'row-trend', actions: trend.actions })));

  const render = (district: District) => {
    title.textContent = placeName(district);
    subtitle.textContent = `${t('noiseZone')} ${t('zoneClass', { zone: district.noiseZone })} · ${t('updated')} ${formatDateTime(district.updatedAt)}`;
    aqiSlot.replaceChildren(aqiCard(`${t('realTimeAqi')} · ${placeName(district)}`, district.aqi));
    iaqi.update(district.aqi);
    air.replaceChildren(...airQuantities.filter((q) => !newerStationQuantities.has(q) || district.latest[q]).map((q) => quantityTile(district, q)));
    climate.replaceChildren(...climateQuantities.map((q) => quantityTile(district, q)));
    noise.replaceChildren(noisePanel(district));
    network.replaceChildren(networkTiles(district));
    if (district.devices) devices.replaceChildren(deviceTable(district.devices, (id) => context.navigate(paths.device(id))));
  };

  let loaded = false;
  const refresh = refresher(async (signal) => {
    const district = await api.district(districtId, signal);
    loaded = district != null;
    if (district) render(district);
    else element.replaceChildren(h('p', { class: 'empty-state' }, t('notFoundDistrict', { id: districtId })));
  });
  const unsubscribe = context.store.onCity((city) => {
    const summary = city.districts.find((d) => d.id === districtId);
    // The city's summary paints the view at once; the district's own answer (with its devices) follows.
    if (summary && !loaded) render(summary);
    refresh();
  });

  return {
    element,
    dispose() {
      unsubscribe();
      refresh.stop();
      iaqi.dispose();
      trend.dispose();
    },
  };
}

function quantityTile(district: District, quantity: string): HTMLElement {
  const value = district.latest[quantity];
  return valueTile({
    key: quantity,
    label: label(quantity, i18n.language),
    value: formatValue(quantity, value?.value),
    unit: displayUnit(quantity, value?.unit),
    detail: value ? formatDateTime(value.updatedAt) : null,
  });
}
