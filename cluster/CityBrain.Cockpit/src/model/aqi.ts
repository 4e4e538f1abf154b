import type { Aqi, AqiCategory } from '../api/types';
import { i18n, t } from '../i18n/i18n';

/** Grey, unlike any category colour: a district without a valid AQI must not look clean. */
export const noDataColor = '#5B6577';

/** The panel every colour mark sits on (cockpit.css: --panel over --bg), which the darker bands nearly vanish into. */
export const panelColor = '#0F1A2F';

/** The light edge of a mark whose fill is too dark to stand out from the panel: 1.4.11 of WCAG wants 3:1 for it. */
export const markOutline = '#E8EDF5';

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

/** What the screen shows for an AQI: the host's colour when it sent one, the category name in the current language,
 *  the text on that colour, the colour's own number on the dark card (lightened where the colour is too dark to read)
 *  and the light edge the darkest bands need on the dark panel. */
export interface AqiLook {
  color: string;
  label: string;
  level: string;
  textColor: string;
  ink: string;
  outline: string | null;
}

export function aqiLook(aqi: Aqi | null | undefined): AqiLook {
  const category = aqi != null && Number.isFinite(aqi.value) ? categoryOf(aqi.value) : undefined;
  if (aqi == null || !category) return { color: noDataColor, label: t('noData'), level: '', textColor: '#FFFFFF', ink: noDataInk, outline: null };
  const color = aqi.color ?? category.colour;
  const level = i18n.language === 'zh' ? category.levelName : t('level', { n: category.level });
  return { color, label: categoryName(category), level, textColor: readableTextOn(color), ink: inkOf(color), outline: outlineOf(color) };
}

/** The colour of an individual index (IAQI) on the same scale. */
export function indexColor(value: number): string {
  return categoryOf(value)?.colour ?? noDataColor;
}

/** Of dark and white text, the one that reads better on the colour: WCAG's luminance, not a guess (white on the HJ 633
 *  red is only 4.0:1, dark text 4.6:1). */
export function readableTextOn(hex: string): string {
  const background = rgb(hex);
  if (!background) return '#FFFFFF';
  return contrast(rgb(darkText) as Rgb, background) >= contrast([255, 255, 255], background) ? darkText : '#FFFFFF';
}

/** The light edge a mark of this fill needs to stand out from the panel at 3:1, or none when its fill does already. */
export function outlineOf(hex: string): string | null {
  const fill = rgb(hex);
  return fill && contrast(fill, rgb(panelColor) as Rgb) < 3 ? markOutline : null;
}

/** WCAG 2.x contrast ratio of two #RRGGBB colours, 1 to 21; 1 when either is not such a colour. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [rgb(a), rgb(b)];
  return x && y ? contrast(x, y) : 1;
}

type Rgb = [number, number, number];

const darkText = '#10141C';

/** The card's AQI number is the category colour on the card, which that colour tints (cockpit.css .aqi-card, 28%): a
 *  colour reading below 4.5:1 there (red, purple, maroon, even orange) is mixed with white until it reads. */
function inkOf(hex: string): string {
  const colour = rgb(hex);
  if (!colour) return hex;
  const card = rgb(panelColor) as Rgb;
  const tinted = colour.map((c, i) => 0.28 * c + 0.72 * card[i]) as Rgb;
  for (let white = 0; white <= 1; white += 0.05) {
    const ink = colour.map((c) => Math.round(c + (255 - c) * white)) as Rgb;
    if (contrast(ink, tinted) >= 4.5) return white === 0 ? hex : toHex(ink);
  }
  return '#FFFFFF';
}

/** cockpit.css --no-data: the grey of a place with no data, light enough to read as text. */
const noDataInk = '#9BA5B6';

function rgb(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match ? (match.slice(1).map((h) => parseInt(h, 16)) as Rgb) : null;
}

function toHex(colour: Rgb): string {
  return `#${colour
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}
