import { h, measurement } from '../ui/dom';

export interface TileContent {
  label: string;
  value: string | null;
  unit?: string;
  detail?: string | Node | null;
  /** A colour that marks the tile's state (an AQI category, an exceedance). */
  accent?: string | null;
  key?: string;
}

/** A labelled number with its unit, or "no data". */
export function valueTile(content: TileContent): HTMLElement {
  return h('div', { class: 'tile', 'data-quantity': content.key, style: content.accent ? `--accent: ${content.accent}` : null },
    h('div', { class: 'tile-label' }, content.label),
    h('div', { class: 'tile-value' }, measurement(content.value, content.unit ?? '')),
    content.detail != null ? h('div', { class: 'tile-detail' }, content.detail) : null);
}
