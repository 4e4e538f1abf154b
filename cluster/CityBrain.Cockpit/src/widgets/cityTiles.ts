import type { City } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { formatPercent, formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { h } from '../ui/dom';
import { type TileContent, valueTile } from './valueTile';

const headlineQuantities = ['pm2_5', 'pm10', 'o3', 'no2', 'noise'] as const;

/** The city's headline numbers: main pollutants, noise, devices online, data validity. */
export function cityTiles(city: City): HTMLElement {
  const registered = city.districts.reduce((n, d) => n + d.devicesRegistered, 0);
  const online = city.districts.reduce((n, d) => n + d.devicesOnline, 0);
  const onlineRate = city.network?.onlineRate ?? (registered > 0 ? online / registered : null);
  return h('div', { class: 'tiles' },
    ...headlineQuantities.map((q) => valueTile(quantityTile(city, q))),
    valueTile({ key: 'devices', label: t('devicesOnline'), value: registered > 0 ? `${online} / ${registered}` : null, detail: formatPercent(onlineRate) }),
    valueTile({ key: 'validity', label: t('dataValidity'), value: formatPercent(city.validity?.rate) }));
}

/** The city-wide value when the host computes one; until then the spread over the districts, labelled as such. */
function quantityTile(city: City, quantity: string): TileContent {
  const name = label(quantity, i18n.language);
  const cityValue = city.latest?.[quantity];
  if (cityValue) {
    return { key: quantity, label: name, value: formatValue(quantity, cityValue.value), unit: displayUnit(quantity, cityValue.unit) };
  }
  const values = city.districts.flatMap((d) => (d.latest[quantity] ? [d.latest[quantity]] : []));
  if (values.length === 0) return { key: quantity, label: name, value: null };
  const numbers = values.map((v) => v.value);
  const low = formatValue(quantity, Math.min(...numbers));
  const high = formatValue(quantity, Math.max(...numbers));
  return {
    key: quantity,
    label: name,
    value: low === high ? low : `${low}–${high}`,
    unit: displayUnit(quantity, values[0].unit),
    detail: t('rangeAcross', { n: values.length }),
  };
}
