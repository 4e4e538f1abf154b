import { decimals, displayValue } from './quantities';
import { i18n, t } from '../i18n/i18n';

let timeZone = 'UTC';

/** Times on screen are the city's local time, whatever the wall screen's own clock says. */
export function useCityTimeZone(zone: string): void {
  timeZone = zone;
}

export function cityTimeZone(): string {
  return timeZone;
}

/** A value rounded as the quantity is reported, or null when there is none (never 0 for "missing"). */
export function formatValue(metric: string, value: number | null | undefined): string | null {
  if (value == null || !Number.isFinite(value)) return null;
  const digits = decimals(metric);
  return displayValue(metric, value).toLocaleString(i18n.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatPercent(rate: number | null | undefined): string | null {
  if (rate == null || !Number.isFinite(rate)) return null;
  return `${(rate * 100).toLocaleString(i18n.locale, { maximumFractionDigits: 1 })} %`;
}

export function formatCount(n: number | null | undefined): string {
  return n == null ? t('noData') : n.toLocaleString(i18n.locale);
}

function format(iso: string | Date | null | undefined, options: Intl.DateTimeFormatOptions): string {
  if (iso == null) return t('never');
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(date.getTime()) ? t('noData') : new Intl.DateTimeFormat(i18n.locale, { timeZone, ...options }).format(date);
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  return format(iso, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function formatTime(iso: string | Date | null | undefined): string {
  return format(iso, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** An instant as the city's wall clock shows it, read as if that were UTC. ECharts places a time axis's ticks at whole
 *  hours and days of the browser's own zone, or of UTC with useUTC: a chart drawn in city clock time with useUTC has
 *  its ticks at the city's midnights and whole hours, wherever the screen is. */
export function cityClock(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'), new Date(instant).getUTCMilliseconds());
}

/** A tick of a time axis in city clock time (see cityClock): the date at midnight, the time of day otherwise. */
export function formatAxisTime(cityTime: number): string {
  const date = new Date(cityTime);
  const midnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0;
  return new Intl.DateTimeFormat(
    i18n.locale,
    midnight ? { timeZone: 'UTC', month: '2-digit', day: '2-digit' } : { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hour12: false },
  ).format(date);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return t('noData');
  const s = Math.round(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return t('noData');
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(i18n.locale, { maximumFractionDigits: 1 })} ${units[unit]}`;
}
