import type { Region, RegionIndicators } from '../api/types';
import { t } from '../i18n/i18n';
import { formatPercent } from '../model/format';
import { h } from '../ui/dom';
import { valueTile } from './valueTile';

/** Whether a place's sensing can be trusted: valid data share, devices online, devices gone quiet or faulty. */
export function networkTiles(place: RegionIndicators): HTMLElement {
  const { network, validity } = place;
  return h('div', { class: 'tiles compact' },
    valueTile({ key: 'validity', label: t('validityRate'), value: formatPercent(validity.rate), detail: validity.expectedHours > 0 ? `${validity.validHours} / ${validity.expectedHours} h` : null }),
    valueTile({ key: 'online', label: t('onlineRate'), value: formatPercent(network.onlineRate), detail: `${network.online} / ${network.registered}` }),
    valueTile({ key: 'stale', label: t('staleDevices'), value: String(network.staleDevices), accent: network.staleDevices > 0 ? '#F59E0B' : null }),
    valueTile({ key: 'faulty', label: t('faultyDevices'), value: String(network.faultyDevices), accent: network.faultyDevices > 0 ? '#FF4D4F' : null }));
}

/** A district's devices that need a technician, by id and site, each a link to its view: offline, gone quiet, faulty. */
export function networkDeviceLists(district: Region, onSelect: (deviceId: string) => void): HTMLElement | null {
  const lists = district.networkDevices;
  if (!lists) return null;
  const groups = [
    { key: 'offline', title: t('offlineDevices'), ids: lists.offline },
    { key: 'stale', title: t('staleDevices'), ids: lists.stale },
    { key: 'faulty', title: t('faultyDevices'), ids: lists.faulty },
  ].filter((g) => g.ids.length > 0);
  if (groups.length === 0) return h('p', { class: 'ok network-devices' }, t('allDevicesWell'));
  // A technician finds a site by its name, not by the gateway's id.
  const sites = new Map((district.devices ?? []).flatMap((d) => (d.site?.name ? [[d.id, d.site.name] as const] : [])));
  return h('dl', { class: 'network-devices' }, ...groups.flatMap((g) => [
    h('dt', {}, `${g.title} (${g.ids.length})`),
    h('dd', { 'data-group': g.key }, ...g.ids.map((id) => h('button', { type: 'button', class: 'link', 'data-device': id, onclick: () => onSelect(id) },
      h('span', { class: 'mono' }, id), sites.get(id) ? h('span', { class: 'site-name' }, sites.get(id) as string) : ''))),
  ]));
}
