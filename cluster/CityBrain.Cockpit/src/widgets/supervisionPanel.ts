import { api } from '../api/client';
import type { Case, Supervision } from '../api/types';
import { placeName, t } from '../i18n/i18n';
import { caseKind, caseStatus, minutesToSeconds } from '../model/cases';
import { formatDateTime, formatDuration, formatPercent } from '../model/format';
import { h } from '../ui/dom';
import { refresher } from '../views/refresher';
import { valueTile } from './valueTile';

/** The figures count cases of this many days. */
export const supervisionDays = 30;
const listed = 8;
/** Cases change by people and by hours closing: read again at most this often while the place's updates keep coming. */
const rereadAfterMs = 30_000;

/** 督办: a place's supervised items from GET /api/supervision and GET /api/cases — open and overdue counts, closure
 *  rate, median times to acknowledge and close, repeat exceedances, and the open cases (overdue and critical first),
 *  each opening its case with its trail. */
export class SupervisionPanel {
  readonly element = h('div', { class: 'supervision' }, h('div', { class: 'muted' }, t('loading')));
  private readonly refresh: ReturnType<typeof refresher>;
  private readAt = 0;

  constructor(regionId: string, private readonly open: (caseId: number) => void) {
    this.refresh = refresher(async (signal) => {
      try {
        const [figures, cases] = await Promise.all([api.supervision(regionId, supervisionDays, signal), api.openCases(regionId, listed, signal)]);
        this.readAt = Date.now();
        this.render(figures, cases);
      } catch (error) {
        if (signal.aborted) return;
        console.warn('cases could not be read', error);
        this.element.replaceChildren(h('div', { class: 'muted' }, t('casesUnavailable')));
      }
    });
    this.refresh();
  }

  /** Called on every update of the place; reads again once the last read is old enough. */
  update(): void {
    if (Date.now() - this.readAt > rereadAfterMs) this.refresh();
  }

  private render(supervision: Supervision | null, cases: Case[] | null): void {
    const f = supervision?.figures;
    this.element.replaceChildren(
      h('div', { class: 'tiles supervision-figures' },
        valueTile({ key: 'cases-open', label: t('casesOpen'), value: f ? String(f.open) : null }),
        valueTile({ key: 'cases-overdue', label: t('casesOverdue'), value: f ? String(f.overdue) : null, accent: f && f.overdue > 0 ? '#FF4D4F' : null }),
        valueTile({ key: 'cases-closure', label: t('caseClosureRate', { days: supervisionDays }), value: formatPercent(f?.closureRate) }),
        valueTile({ key: 'cases-acknowledge', label: t('caseMedianAcknowledge'), value: f?.medianMinutesToAcknowledge == null ? null : formatDuration(minutesToSeconds(f.medianMinutesToAcknowledge)) }),
        valueTile({ key: 'cases-close', label: t('caseMedianClose'), value: f?.medianMinutesToClose == null ? null : formatDuration(minutesToSeconds(f.medianMinutesToClose)) }),
        valueTile({ key: 'cases-repeats', label: t('caseRepeats'), value: f ? String(f.repeats) : null })),
      cases?.length
        ? h('ul', { class: 'cases' }, ...cases.map((c) => this.row(c)))
        : h('div', { class: cases ? 'ok' : 'muted' }, t(cases ? 'noOpenCases' : 'casesUnavailable')));
  }

  private row(c: Case): HTMLElement {
    const places = c.districts.length > 1 ? `${placeName(c.region)} (${c.districts.map(placeName).join('、')})` : placeName(c.districts[0] ?? c.region);
    return h('li', {
      class: `case ${c.severity}${c.overdue ? ' overdue' : ''}`,
      tabindex: 0,
      role: 'link',
      'data-case': String(c.id),
      onclick: () => this.open(c.id),
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key === 'Enter') this.open(c.id);
      },
    },
    h('div', { class: 'case-head' }, h('strong', {}, `${caseKind(c)} · ${places}`), h('span', { class: 'muted' }, formatDateTime(c.openedAt))),
    h('div', {},
      h('span', { class: 'case-status' }, caseStatus(c.status)),
      c.overdue ? h('span', { class: 'badge overdue' }, t('caseOverdue')) : '',
      c.department ? h('span', { class: 'muted' }, ` ${placeName(c.department)}`) : ''));
  }

  dispose(): void {
    this.refresh.stop();
  }
}
