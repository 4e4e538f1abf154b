import type { DeadLetter } from '../api/types';
import { t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { h } from '../ui/dom';

/** The last messages ingest refused, each with the sentence that says what was wrong. */
export function rejectionTable(letters: DeadLetter[]): HTMLElement {
  if (letters.length === 0) return h('p', { class: 'ok' }, t('noRejections'));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table rejections' },
    h('thead', {}, h('tr', {}, h('th', {}, t('time')), h('th', {}, t('client')), h('th', {}, t('kind')), h('th', {}, t('reason')), h('th', {}, t('topic')))),
    h('tbody', {}, ...letters.map((l) => h('tr', {},
      h('td', { class: 'nowrap' }, formatDateTime(l.receivedAt)),
      h('td', { class: 'mono' }, l.clientId),
      h('td', {}, h('span', { class: 'badge bad' }, l.kind)),
      h('td', { class: 'reason' }, l.reason),
      h('td', { class: 'mono small' }, l.topic))))));
}

export function rejectedByKindTable(byKind: Record<string, number>): HTMLElement {
  const entries = Object.entries(byKind).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return h('p', { class: 'ok' }, t('noRejections'));
  return h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, h('th', {}, t('kind')), h('th', { class: 'num' }, t('count')))),
    h('tbody', {}, ...entries.map(([kind, n]) => h('tr', {}, h('td', {}, kind), h('td', { class: 'num' }, n.toLocaleString())))));
}
