import { api } from '../api/client';
import type { Alert, Region } from '../api/types';
import { placeName, t } from '../i18n/i18n';
import type { RegionIndex } from '../live/regionStore';
import { bySeverity, describeAlert } from '../model/alerts';
import { formatDateTime } from '../model/format';
import { h } from '../ui/dom';
import { refresher } from '../views/refresher';

/** Exceedances open now anywhere below a region, from GET /api/alerts?region={id}&active=true, read again whenever the
 *  region changes: critical first, each in the page's language and its severity's colour, under a count. A place no
 *  device reports from says so rather than "no alerts". */
export class AlertList {
  readonly element: HTMLElement;
  private readonly refresh: ReturnType<typeof refresher>;
  private region: Region | null = null;
  /** What the list shows now: it is redrawn only when that changes, so an alert a pointer or a test is on stays put. */
  private shown = '';

  constructor(regionId: string, private readonly index: RegionIndex) {
    this.element = h('ul', { class: 'alerts' }, h('li', { class: 'muted' }, t('loading')));
    this.refresh = refresher(async (signal) => {
      try {
        this.render(await api.alerts(regionId, signal));
      } catch (error) {
        if (signal.aborted) return;
        console.warn('alerts could not be read', error);
        this.render(null);
      }
    });
  }

  update(region: Region): void {
    this.region = region;
    this.refresh();
  }

  private render(alerts: Alert[] | null): void {
    const shown = JSON.stringify([this.region?.devicesRegistered ?? 0, alerts?.map((a) => [a.id, a.severity, a.value, a.provisional, a.since])]);
    if (shown === this.shown) return;
    this.shown = shown;
    if (alerts === null) {
      this.element.replaceChildren(h('li', { class: 'muted' }, t('alertsUnavailable')));
      return;
    }
    if (alerts.length === 0) {
      const heard = (this.region?.devicesRegistered ?? 0) > 0;
      this.element.replaceChildren(h('li', { class: heard ? 'ok' : 'muted' }, t(heard ? 'noAlerts' : 'noAlertsNoDevices')));
      return;
    }
    const critical = alerts.filter((a) => a.severity === 'critical').length;
    this.element.replaceChildren(
      h('li', { class: 'alerts-summary' }, t('alertsSummary', { n: alerts.length, critical })),
      ...bySeverity(alerts).map((a) => h('li', { class: `alert ${a.severity}`, 'data-alert': a.id, 'data-severity': a.severity },
        h('div', { class: 'alert-head' },
          h('strong', {}, this.place(a)),
          h('span', { class: 'muted' }, formatDateTime(a.since))),
        h('div', {},
          h('span', { class: 'severity' }, t(a.severity === 'critical' ? 'alertCritical' : 'alertWarning')),
          a.provisional ? h('span', { class: 'badge' }, t('alertProvisional')) : '',
          describeAlert(a)))));
  }

  private place(alert: Alert): string {
    const leaf = this.index.find(alert.district);
    return [leaf ? placeName(leaf) : alert.district, alert.device].filter(Boolean).join(' · ');
  }

  dispose(): void {
    this.refresh.stop();
  }
}
