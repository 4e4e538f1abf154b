import type { Alert, City } from '../api/types';
import { api } from '../api/client';
import { i18n, placeName, t } from '../i18n/i18n';
import { formatDateTime, formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { h } from '../ui/dom';

const refreshMs = 15_000;

/** Exceedances that are open now, newest first, from GET /api/alerts?active=true. */
export class AlertList {
  readonly element: HTMLElement;
  private readonly timer: number;
  private readonly abort = new AbortController();
  private city: City | null = null;
  private alerts: Alert[] | null | undefined;

  constructor(private readonly districtId?: string) {
    this.element = h('ul', { class: 'alerts' }, h('li', { class: 'muted' }, t('loading')));
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), refreshMs);
  }

  update(city: City): void {
    this.city = city;
    this.render();
  }

  private async refresh(): Promise<void> {
    try {
      this.alerts = await api.activeAlerts(this.abort.signal);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      console.warn('alerts could not be read', error);
      this.alerts = null;
    }
    this.render();
  }

  private render(): void {
    if (this.alerts === undefined) return;
    if (this.alerts === null) {
      this.element.replaceChildren(h('li', { class: 'muted' }, t('alertsUnavailable')));
      return;
    }
    const shown = this.alerts
      .filter((a) => this.districtId == null || a.district === this.districtId)
      .sort((a, b) => Date.parse(b.since) - Date.parse(a.since));
    if (shown.length === 0) {
      this.element.replaceChildren(h('li', { class: 'ok' }, t('noAlerts')));
      return;
    }
    this.element.replaceChildren(...shown.map((a) => h('li', { class: `alert ${a.severity ?? ''}`.trim() },
      h('div', { class: 'alert-head' },
        h('strong', {}, this.place(a)),
        h('span', { class: 'muted' }, formatDateTime(a.since))),
      h('div', {}, a.message ?? describe(a)))));
  }

  private place(alert: Alert): string {
    const district = this.city?.districts.find((d) => d.id === alert.district);
    return [district ? placeName(district) : alert.district, alert.device].filter(Boolean).join(' · ');
  }

  dispose(): void {
    window.clearInterval(this.timer);
    this.abort.abort();
  }
}

function describe(alert: Alert): string {
  const unit = displayUnit(alert.metric, alert.unit);
  const value = formatValue(alert.metric, alert.value);
  const limit = formatValue(alert.metric, alert.limit);
  return `${label(alert.metric, i18n.language)}${value ? ` ${value} ${unit}` : ''}${limit ? ` > ${t('limit')} ${limit} ${unit}` : ''}`;
}
