import type { DeviceStatus } from '../api/types';
import { t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { h } from '../ui/dom';

/** A district's gateways, offline ones first, each a click away from its own view. */
export function deviceTable(devices: DeviceStatus[], onSelect: (deviceId: string) => void): HTMLElement {
  const sorted = [...devices].sort((a, b) => Number(a.online) - Number(b.online) || a.id.localeCompare(b.id));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table devices' },
    h('thead', {}, h('tr', {}, h('th', {}, t('device')), h('th', {}, t('status')), h('th', {}, t('lastSeen')))),
    h('tbody', {}, ...sorted.map((d) => h('tr', {
      class: 'clickable',
      'data-device': d.id,
      tabindex: 0,
      onclick: () => onSelect(d.id),
      onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter') onSelect(d.id); },
    },
    h('td', { class: 'mono' }, d.id),
    h('td', {}, h('span', { class: `status ${d.online ? 'online' : 'offline'}` }, t(d.online ? 'online' : 'offline'))),
    h('td', {}, formatDateTime(d.lastSeen)))))));
}
