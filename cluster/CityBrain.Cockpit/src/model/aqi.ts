import type { Aqi } from '../api/types';
import { type MessageKey, t } from '../i18n/i18n';

/** HJ 633 categories (Table 2 and Appendix A); the bands and colours are the same in the 2012 and 2026 editions. */
export interface AqiCategory {
  upTo: number;
  level: string;
  label: MessageKey;
  color: string;
}

export const aqiCategories: readonly AqiCategory[] = [
  { upTo: 50, level: 'I', label: 'catExcellent', color: '#00E400' },
  { upTo: 100, level: 'II', label: 'catGood', color: '#FFFF00' },
  { upTo: 150, level: 'III', label: 'catLight', color: '#FF7E00' },
  { upTo: 200, level: 'IV', label: 'catModerate', color: '#FF0000' },
  { upTo: 300, level: 'V', label: 'catHeavy', color: '#99004C' },
  { upTo: Number.POSITIVE_INFINITY, level: 'VI', label: 'catSevere', color: '#7E0023' },
];

/** Grey, unlike any category colour: a district without a valid AQI must not look clean. */
export const noDataColor = '#5B6577';

export function categoryOf(value: number): AqiCategory {
  return aqiCategories.find((c) => value <= c.upTo) ?? aqiCategories[aqiCategories.length - 1];
}

/** What the screen shows for an AQI: the host's colour when it sent one, the category label in the current language. */
export interface AqiLook {
  color: string;
  label: string;
  level: string;
  textColor: string;
}

export function aqiLook(aqi: Aqi | null | undefined): AqiLook {
  if (aqi == null || !Number.isFinite(aqi.value)) {
    return { color: noDataColor, label: t('noData'), level: '', textColor: '#FFFFFF' };
  }
  const category = categoryOf(aqi.value);
  const color = aqi.color ?? category.color;
  return { color, label: t(category.label), level: category.level, textColor: readableTextOn(color) };
}

/** Dark text on yellow and green, white on red, purple and maroon. */
export function readableTextOn(hex: string): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#FFFFFF';
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.5 ? '#10141C' : '#FFFFFF';
}
