import { api } from '../api/client';
import type { CaseDetail, CaseStep } from '../api/types';
import { placeName, t } from '../i18n/i18n';
import { describeAlert } from '../model/alerts';
import { caseAction, caseActor, caseKind, caseStatus } from '../model/cases';
import { formatDateTime } from '../model/format';
import { h, panel } from '../ui/dom';
import { viewHead } from '../ui/places';
import { refresher } from './refresher';
import type { View, ViewContext } from './view';

/** One supervised item: what it is about and where, who handles it by when, the alerts it covers, and its trail —
 *  who did what, when and why. It follows the live updates of the place that answers for it, and reads the case again
 *  on each, so a step taken elsewhere (or by the data) appears without a reload. */
export function caseView(context: ViewContext, caseId: string): View {
  const crumbs = h('div', { class: 'crumbs-slot' });
  const title = h('h1', {}, t('caseTitle', { id: caseId }));
  const facts = h('div', { class: 'case-facts' });
  const alerts = h('ul', { class: 'alerts' });
  const trail = h('ol', { class: 'case-trail' });
  const element = h('div', { class: 'view case-view', 'data-view': 'case', 'data-case': caseId },
    h('div', { class: 'view-head' }, crumbs, title, facts),
    h('div', { class: 'case-grid' },
      panel(t('caseTrail'), trail, { class: 'trail-panel' }),
      panel(t('caseAlerts'), alerts, { class: 'alerts-panel' })));

  const district = (id: string) => {
    const place = context.store.index.find(id);
    return place ? placeName(place) : id;
  };

  const render = ({ case: c, trail: steps }: CaseDetail) => {
    crumbs.replaceChildren(viewHead(context.store.index.path(c.region.id), context.navigate, t('caseTitle', { id: c.id })));
    title.textContent = `${caseKind(c)} · ${c.districts.map(placeName).join('、')}`;
    facts.replaceChildren(
      h('span', { class: `status case-status ${c.severity}`, 'data-status': c.status }, caseStatus(c.status)),
      c.overdue ? h('span', { class: 'badge overdue' }, t('caseOverdue')) : '',
      fact(t('caseOpened'), formatDateTime(c.openedAt)),
      c.department ? fact(t('caseDepartment'), placeName(c.department)) : '',
      c.deadline ? fact(t('caseDue'), formatDateTime(c.deadline)) : '',
      c.escalationLevel > 0 ? fact('', t('caseEscalations', { n: c.escalationLevel })) : '',
      c.reopened > 0 ? fact('', t('caseReopenedTimes', { n: c.reopened })) : '');
    alerts.replaceChildren(...c.alerts.map((a) => h('li', { class: `alert ${a.severity}`, 'data-alert': a.id },
      h('div', { class: 'alert-head' },
        h('strong', {}, [district(a.districtId), a.deviceId].filter(Boolean).join(' · ')),
        h('span', { class: 'muted' }, `${formatDateTime(a.start)} – ${a.end ? formatDateTime(a.end) : ''}`)),
      describeAlert({ kind: a.kind, metric: a.subject ?? '', value: a.peak, limit: a.limit, unit: null }))));
    trail.replaceChildren(...steps.map(step));
  };

  const refresh = refresher(async (signal) => {
    const detail = await api.caseDetail(caseId, signal);
    if (!detail) {
      element.replaceChildren(h('p', { class: 'empty-state' }, t('notFoundCase', { id: caseId })));
      return;
    }
    render(detail);
    context.follow(detail.case.region.id);
  });
  const unsubscribe = context.store.onRegion(() => refresh());
  refresh();

  return {
    element,
    dispose() {
      unsubscribe();
      refresh.stop();
    },
  };
}

function step(s: CaseStep): HTMLElement {
  return h('li', { class: 'case-step', 'data-action': s.action },
    h('div', { class: 'alert-head' }, h('strong', {}, caseAction(s)), h('span', { class: 'muted' }, formatDateTime(s.at))),
    h('div', {}, h('span', { class: 'muted' }, `${caseActor(s)}${s.department ? ` → ${placeName(s.department)}` : ''}`)),
    s.note ? h('div', { class: 'case-note' }, s.note) : '',
    ...s.links.map((link) => h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', class: 'case-link' }, link)));
}

function fact(name: string, value: string): HTMLElement {
  return h('span', { class: 'fact' }, name ? h('span', { class: 'muted' }, `${name} `) : '', value);
}
