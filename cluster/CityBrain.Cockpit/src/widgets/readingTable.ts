import type { DeviceValue } from '../api/types';
import { i18n, type MessageKey, t } from '../i18n/i18n';
import { formatDateTime, formatValue } from '../model/format';
import { displayUnit, label, listPosition } from '../model/quantities';
import { h, measurement } from '../ui/dom';
import { Sparkline } from './sparkline';

const qualityLabel: Record<DeviceValue['quality'], MessageKey> = { ok: 'qualityOk', suspect: 'qualitySuspect', invalid: 'qualityInvalid' };

/** A device's latest value per quantity with its quality flag, source sensor and a 24-hour sparkline. Rows are kept
 *  across updates so the sparklines are not redrawn on every refresh. */
export class ReadingTable {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly rows = new Map<string, { row: HTMLTableRowElement; sparkline: Sparkline }>();

  constructor() {
    this.body = h('tbody');
    this.element = h('div', { class: 'table-scroll' }, h('table', { class: 'table readings' },
      h('thead', {}, h('tr', {},
        h('th', {}, t('quantity')), h('th', { class: 'num' }, t('value')), h('th', {}, t('quality')),
        h('th', { class: 'wide-only' }, t('sensor')), h('th', { class: 'wide-only' }, t('updated')), h('th', {}, t('trend24h')))),
      this.body));
  }

  /** Shows the readings; returns the quantities whose sparkline is new and needs its history. */
  update(latest: Record<string, DeviceValue>): { quantity: string; sparkline: Sparkline }[] {
    const added: { quantity: string; sparkline: Sparkline }[] = [];
    for (const [quantity, reading] of Object.entries(latest)) {
      let entry = this.rows.get(quantity);
      if (!entry) {
        const sparkline = new Sparkline(quantity, displayUnit(quantity, reading.unit));
        entry = { row: h('tr', { 'data-quantity': quantity }), sparkline };
        this.rows.set(quantity, entry);
        added.push({ quantity, sparkline });
      }
      const cells = [
        h('th', {}, label(quantity, i18n.language)),
        h('td', { class: 'num' }, measurement(formatValue(quantity, reading.value), displayUnit(quantity, reading.unit))),
        h('td', {}, h('span', { class: `badge quality-${reading.quality}`, title: reading.reason ?? '' }, t(qualityLabel[reading.quality])),
          reading.reason ? h('div', { class: 'reason' }, reading.reason) : null),
        h('td', { class: 'mono wide-only' }, reading.sensor),
        h('td', { class: 'wide-only' }, formatDateTime(reading.updatedAt)),
        h('td', { class: 'spark-cell' }, entry.sparkline.element),
      ];
      entry.row.replaceChildren(...cells);
    }
    this.body.replaceChildren(...[...this.rows.entries()].sort(([a], [b]) => listPosition(a) - listPosition(b)).map(([, e]) => e.row));
    return added;
  }

  dispose(): void {
    this.rows.forEach(({ sparkline }) => sparkline.dispose());
  }
}
