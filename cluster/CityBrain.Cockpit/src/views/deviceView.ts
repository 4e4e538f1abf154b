import { api } from '../api/client';
import type { Device } from '../api/types';
import { t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { h, panel } from '../ui/dom';
import { viewHead } from '../ui/places';
import { healthPanel } from '../widgets/healthPanel';
import { ReadingTable } from '../widgets/readingTable';
import { refresher } from './refresher';
import type { View, ViewContext } from './view';

const dayMs = 86_400_000;

/** One gateway: where it sits in the tree, its latest readings with quality flags and sparklines, when it was last
 *  heard, and its health. It follows its district's live updates, each of which means reports arrived. */
export function deviceView(context: ViewContext, deviceId: string): View {
  const readings = new ReadingTable();
  const crumbs = h('div', { class: 'crumbs-slot' });
  const status = h('div', { class: 'device-facts' });
  const health = h('div');
  const element = h('div', { class: 'view device-view', 'data-view': 'device', 'data-device': deviceId },
    h('div', { class: 'view-head' }, crumbs, h('h1', { class: 'mono' }, deviceId), status),
    h('div', { class: 'device-grid' },
      panel(t('latestReadings'), readings.element, { class: 'readings-panel' }),
      panel(t('health'), health, { class: 'health-panel' })));

  let device: Device | null = null;

  const render = () => {
    if (!device) return;
    const path = device.path?.length ? device.path : context.store.index.path(device.district);
    crumbs.replaceChildren(viewHead(path, context.navigate, deviceId));
    const site = device.health?.site;
    const refusal = device.health?.siteRefusal;
    status.replaceChildren(
      h('span', { class: `status ${device.online ? 'online' : 'offline'}` }, t(device.online ? 'online' : 'offline')),
      site?.name ? fact(t('site'), site.name) : '',
      site?.latitude != null && site.longitude != null ? fact(t('position'), `${site.latitude.toFixed(5)}, ${site.longitude.toFixed(5)}`) : '',
      // The host's sentence names the values, for the technician who set them.
      refusal ? h('span', { class: 'fact site-refused', 'data-fact': 'site-refused' }, h('span', { class: 'muted' }, `${t('siteRefused')} `), refusal) : '',
      fact(t('lastSeen'), formatDateTime(device.lastSeen)),
      fact(t('registeredAt'), formatDateTime(device.registeredAt)),
      fact(t('sequence'), device.lastSequence.toLocaleString()),
      fact(t('acceptedReports'), device.accepted.toLocaleString()),
      fact(t('duplicatesDropped'), device.duplicates.toLocaleString()));
    health.replaceChildren(healthPanel(device.health));
    for (const { quantity, sparkline } of readings.update(device.latest)) {
      const to = new Date();
      api.deviceHistory(deviceId, { metric: quantity, from: new Date(to.getTime() - dayMs), to, step: 'hour' })
        .then((history) => sparkline.update(history), () => sparkline.update(null));
    }
  };

  const refresh = refresher(async (signal) => {
    device = await api.device(deviceId, signal);
    if (!device) {
      element.replaceChildren(h('p', { class: 'empty-state' }, t('notFoundDevice', { id: deviceId })));
      return;
    }
    render();
    context.follow(device.district);
  });
  const unsubscribe = context.store.onRegion(() => refresh());
  refresh();

  return {
    element,
    dispose() {
      unsubscribe();
      refresh.stop();
      readings.dispose();
    },
  };
}

function fact(name: string, value: string): HTMLElement {
  return h('span', { class: 'fact' }, h('span', { class: 'muted' }, `${name} `), value);
}
