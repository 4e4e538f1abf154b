import type { RegionIndicators } from '../api/types';
import { i18n } from '../i18n/i18n';
import { formatDateTime, formatValue } from '../model/format';
import { displayUnit, label, newerStationQuantities } from '../model/quantities';
import { h } from '../ui/dom';
import { valueTile } from './valueTile';

/** A place's latest mean of each quantity as tiles; a newer station's quantity only where some device reports it.
 *  Compact tiles leave out when each value was updated, for the dense overview of a region with children. */
export function quantityTiles(place: RegionIndicators, quantities: readonly string[], compact = false): HTMLElement {
  return h('div', { class: compact ? 'tiles compact' : 'tiles' },
    ...quantities.filter((q) => !newerStationQuantities.has(q) || place.latest[q]).map((quantity) => {
      const value = place.latest[quantity];
      return valueTile({
        key: quantity,
        label: label(quantity, i18n.language),
        value: formatValue(quantity, value?.value),
        unit: displayUnit(quantity, value?.unit),
        detail: value && !compact ? formatDateTime(value.updatedAt) : null,
      });
    }));
}
