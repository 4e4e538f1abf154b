import type { District } from '../api/types';
import { t } from '../i18n/i18n';
import { formatPercent } from '../model/format';
import { h } from '../ui/dom';
import { valueTile } from './valueTile';

/** Whether the district's sensing can be trusted: valid data share, devices online, devices gone quiet. */
export function networkTiles(district: District): HTMLElement {
  const onlineRate = district.network?.onlineRate ?? (district.devicesRegistered > 0 ? district.devicesOnline / district.devicesRegistered : null);
  const stale = district.network?.staleDevices;
  return h('div', { class: 'tiles compact' },
    valueTile({ key: 'validity', label: t('validityRate'), value: formatPercent(district.validity?.rate) }),
    valueTile({ key: 'online', label: t('onlineRate'), value: formatPercent(onlineRate), detail: `${district.devicesOnline} / ${district.devicesRegistered}` }),
    valueTile({ key: 'stale', label: t('staleDevices'), value: stale == null ? null : String(stale) }));
}
