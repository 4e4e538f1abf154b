import type { DeviceStatus } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { formatDateTime, formatValue } from '../model/format';
import { label } from '../model/quantities';
import { h, noData } from '../ui/dom';

/** The values a district's list shows of each device, to find a hot spot without opening every device. */
const shown = ['pm2_5', 'pm10', 'noise'] as const;

/** A district's gateways, offline ones first, then the highest PM2.5 first; the highest value of each column is
 *  marked; each row a click away from its device's view. */
export function deviceTable(devices: DeviceStatus[], onSelect: (deviceId: string) => void): HTMLElement {
  const pm25 = (d: DeviceStatus) => d.latest.pm2_5 ?? Number.NEGATIVE_INFINITY;
  const sorted = [...devices].sort((a, b) => Number(a.online) - Number(b.online) || pm25(b) - pm25(a) || a.id.localeCompare(b.id));
  const highest = Object.fromEntries(shown.map((q) => [q, Math.max(...devices.map((d) => d.latest[q] ?? Number.NEGATIVE_INFINITY))]));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table devices' },
    h('thead', {}, h('tr', {}, h('th', {}, t('device')), h('th', {}, t('status')), ...shown.map((q) => h('th', { class: 'num' }, label(q, i18n.language))))),
    h('tbody', {}, ...sorted.map((d) => h('tr', {
      class: 'clickable',
      'data-device': d.id,
      tabindex: 0,
      onclick: () => onSelect(d.id),
      onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter') onSelect(d.id); },
    },
    h('td', {}, h('span', { class: 'mono' }, d.id), d.site?.name ? h('span', { class: 'site-name' }, d.site.name) : ''),
    h('td', { title: `${t('lastSeen')}: ${formatDateTime(d.lastSeen)}` }, h('span', { class: `status ${d.online ? 'online' : 'offline'}` }, t(d.online ? 'online' : 'offline'))),
    ...shown.map((q) => {
      const value = d.latest[q];
      const text = formatValue(q, value);
      // One device alone is not a hot spot.
      const hot = value != null && devices.length > 1 && value === highest[q];
      return h('td', { class: `num${hot ? ' hot' : ''}`, 'data-quantity': q }, text ?? noData());
    }))))));
}
