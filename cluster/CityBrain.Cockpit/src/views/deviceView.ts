import { api } from '../api/client';
import type { City, Device } from '../api/types';
import { placeName, t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { h, panel } from '../ui/dom';
import { healthPanel } from '../widgets/healthPanel';
import { ReadingTable } from '../widgets/readingTable';
import { refresher } from './refresher';
import { paths, type View, type ViewContext } from './view';

const dayMs = 86_400_000;

/** One gateway: its latest readings with quality flags and sparklines, when it was last heard, and its health. */
export function deviceView(context: ViewContext, deviceId: string): View {
  const readings = new ReadingTable();
  const back = h('a', { href: paths.city(), class: 'back', 'data-link': true }, `← ${t('navCity')}`);
  const status = h('div', { class: 'device-facts' });
  const health = h('div');
  const element = h('div', { class: 'view device-view', 'data-view': 'device', 'data-device': deviceId },
    h('div', { class: 'view-head' }, back, h('h1', { class: 'mono' }, deviceId), status),
    h('div', { class: 'device-grid' },
      panel(t('latestReadings'), readings.element, { class: 'readings-panel' }),
      panel(t('health'), health, { class: 'health-panel' })));

  let city: City | null = null;
  let device: Device | null = null;

  const render = () => {
    if (!device) return;
    const district = city?.districts.find((d) => d.id === device?.district);
    back.textContent = `← ${district ? placeName(district) : device.district}`;
    back.setAttribute('href', paths.district(device.district));
    status.replaceChildren(
      h('span', { class: `status ${device.online ? 'online' : 'offline'}` }, t(device.online ? 'online' : 'offline')),
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
    if (device) render();
    else element.replaceChildren(h('p', { class: 'empty-state' }, t('notFoundDevice', { id: deviceId })));
  });
  // Each city update means reports arrived somewhere; the device view re-reads its own gateway then.
  const unsubscribe = context.store.onCity((next) => {
    city = next;
    refresh();
  });

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
