import { i18n } from '../i18n/i18n';

/** Which way a change is good: more good days is better, more PM2.5 is worse. */
export type Better = 'up' | 'down';

export interface Change {
  text: string;
  /** 'good', 'bad' or 'same', for its colour. */
  tone: 'good' | 'bad' | 'same';
}

/** A change of a share in percentage points ("+3.2 pts", "+3.2个百分点"), or null when either side is unknown. */
export function pointsChange(change: number | null | undefined, better: Better): Change | null {
  return signed(change == null ? null : change * 100, better, i18n.language === 'zh' ? '个百分点' : ' pts');
}

/** A relative change in percent ("−8.5 %"), or null when either side is unknown. */
export function relativeChange(change: number | null | undefined, better: Better): Change | null {
  return signed(change == null ? null : change * 100, better, ' %');
}

function signed(value: number | null, better: Better, unit: string): Change | null {
  if (value == null || !Number.isFinite(value)) return null;
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return { text: `±0${unit}`, tone: 'same' };
  const magnitude = Math.abs(rounded).toLocaleString(i18n.locale, { maximumFractionDigits: 1 });
  const up = rounded > 0;
  return { text: `${up ? '+' : '−'}${magnitude}${unit}`, tone: up === (better === 'up') ? 'good' : 'bad' };
}
