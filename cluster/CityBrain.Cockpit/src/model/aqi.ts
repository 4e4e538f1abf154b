import type { Aqi, AqiCategory } from '../api/types';
import { i18n, t } from '../i18n/i18n';

/** Grey, unlike any category colour: a district without a valid AQI must not look clean. */
export const noDataColor = '#5B6577';

let categories: AqiCategory[] = [];

/** The HJ 633 scale (bands, names, colours) as the host's indicators define it. */
export function useAqiCategories(scale: AqiCategory[]): void {
  categories = [...scale].sort((a, b) => a.lowerIndex - b.lowerIndex);
}

export function aqiCategories(): readonly AqiCategory[] {
  return categories;
}

export function categoryOf(value: number): AqiCategory | undefined {
  return categories.find((c) => value <= c.upperIndex) ?? categories.at(-1);
}

export function categoryName(category: AqiCategory): string {
  return i18n.language === 'zh' ? category.nameZh : category.nameEn;
}

/** What the screen shows for an AQI: the host's colour when it sent one, the category name in the current language. */
export interface AqiLook {
  color: string;
  label: string;
  level: string;
  textColor: string;
}

export function aqiLook(aqi: Aqi | null | undefined): AqiLook {
  const category = aqi != null && Number.isFinite(aqi.value) ? categoryOf(aqi.value) : undefined;
  if (aqi == null || !category) return { color: noDataColor, label: t('noData'), level: '', textColor: '#FFFFFF' };
  const color = aqi.color ?? category.colour;
  const level = i18n.language === 'zh' ? category.levelName : t('level', { n: category.level });
  return { color, label: categoryName(category), level, textColor: readableTextOn(color) };
}

/** The colour of an individual index (IAQI) on the same scale. */
export function indexColor(value: number): string {
  return categoryOf(value)?.colour ?? noDataColor;
}

/** Dark text on yellow and green, white on red, purple and maroon. */
export function readableTextOn(hex: string): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#FFFFFF';
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.5 ? '#10141C' : '#FFFFFF';
}
