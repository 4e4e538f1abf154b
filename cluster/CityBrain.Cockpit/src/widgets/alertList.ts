import { api } from '../api/client';
import type { Alert } from '../api/types';
import { i18n, placeName, t } from '../i18n/i18n';
import type { RegionIndex } from '../live/regionStore';
import { formatDateTime, formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { h } from '../ui/dom';
import { refresher } from '../views/refresher';

/** Exceedances open now anywhere below a region, newest first, from GET /api/alerts?region={id}&active=true; read
 *  again whenever the region changes. */
export class AlertList {
  readonly element: HTMLElement;
  private readonly refresh: ReturnType<typeof refresher>;

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

  update(): void {
    this.refresh();
  }

  private render(alerts: Alert[] | null): void {
    if (alerts === null) {
      this.element.replaceChildren(h('li', { class: 'muted' }, t('alertsUnavailable')));
      return;
    }
    if (alerts.length === 0) {
      this.element.replaceChildren(h('li', { class: 'ok' }, t('noAlerts')));
      return;
    }
    const shown = [...alerts].sort((a, b) => Date.parse(b.since) - Date.parse(a.since));
    this.element.replaceChildren(...shown.map((a) => h('li', { class: `alert ${a.severity}`, 'data-alert': a.id },
      h('div', { class: 'alert-head' },
        h('strong', {}, this.place(a)),
        h('span', { class: 'muted' }, formatDateTime(a.since))),
      h('div', {}, a.message || describe(a)))));
  }

  private place(alert: Alert): string {
    const leaf = this.index.find(alert.district);
    return [leaf ? placeName(leaf) : alert.district, alert.device].filter(Boolean).join(' · ');
  }

  dispose(): void {
    this.refresh.stop();
  }
}

function describe(alert: Alert): string {
  const unit = displayUnit(alert.metric, alert.unit);
  const value = formatValue(alert.metric, alert.value);
  const limit = formatValue(alert.metric, alert.limit);
  return `${label(alert.metric, i18n.language)}${value ? ` ${value} ${unit}` : ''}${limit ? ` > ${t('limit')} ${limit} ${unit}` : ''}`;
}
