import type { RegionIndicators } from '../api/types';
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
