import { api } from '../api/client';
import { session } from '../api/session';
import type { IngestCounters } from '../api/types';
import { type MessageKey, t } from '../i18n/i18n';
import { formatCount } from '../model/format';
import { h, panel } from '../ui/dom';
import { IngestRates } from '../widgets/ingestRates';
import { rejectedByKindTable, rejectionTable } from '../widgets/rejectionTable';
import { valueTile } from '../widgets/valueTile';
import { type View } from './view';

const pollMs = 2_000;
const rejectionCount = 50;
const totals: { counter: keyof IngestCounters; label: MessageKey }[] = [
  { counter: 'received', label: 'received' },
  { counter: 'accepted', label: 'accepted' },
  { counter: 'duplicates', label: 'duplicates' },
  { counter: 'rejected', label: 'rejected' },
  { counter: 'failed', label: 'failed' },
  { counter: 'refusedByAcl', label: 'refusedByAcl' },
  { counter: 'authenticationFailures', label: 'authFailures' },
  { counter: 'connections', label: 'connections' },
];

/** For the bureau's technicians: how ingest is doing, what it refused and why, and the way to the cluster dashboard. */
export function opsView(): View {
  const rates = new IngestRates();
  const counters = h('div', { class: 'tiles' });
  const byKind = h('div');
  const rejections = h('div', {}, t('loading'));
  const abort = new AbortController();

  const element = h('div', { class: 'view ops-view', 'data-view': 'ops' },
    h('div', { class: 'view-head' }, h('h1', {}, t('opsTitle')),
      session.current?.role === 'administrator'
        ? [h('a', { class: 'button', href: '/dashboard/', target: '_blank', rel: 'noopener' }, `${t('openDashboard')} ↗`),
          h('span', { class: 'muted' }, t('dashboardHint'))]
        : null),
    h('div', { class: 'ops-grid' },
      panel(t('ingestRates'), rates.element, { class: 'rates-panel' }),
      panel(t('totals'), counters, { class: 'totals-panel' }),
      panel(t('rejectedByKind'), byKind, { class: 'kinds-panel' }),
      panel(t('recentRejections'), rejections, { class: 'rejections-panel' })));

  const poll = async () => {
    try {
      const now = await api.ingest(abort.signal);
      rates.add(now, Date.now());
      counters.replaceChildren(...totals.map(({ counter, label }) => valueTile({ key: counter, label: t(label), value: formatCount(now[counter] as number) })));
      byKind.replaceChildren(rejectedByKindTable(now.rejectedByKind));
      rejections.replaceChildren(rejectionTable(await api.rejections(rejectionCount, abort.signal)));
    } catch (error) {
      if (!abort.signal.aborted) console.warn('ingest counters could not be read', error);
    }
  };
  void poll();
  const timer = window.setInterval(() => void poll(), pollMs);

  return {
    element,
    dispose() {
      window.clearInterval(timer);
      abort.abort();
      rates.dispose();
    },
  };
}
