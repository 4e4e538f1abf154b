import type { Aqi } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { aqiLook } from '../model/aqi';
import { formatDateTime } from '../model/format';
import { label } from '../model/quantities';
import { h, noData } from '../ui/dom';

/** The AQI as the bureau reads it: number, category in its HJ 633 colour, primary pollutant(s), standard, hour (marked
 *  when it is the running hour's provisional value) and the day's AQI. */
export function aqiCard(title: string, aqi: Aqi | null | undefined, daily: Aqi | null | undefined): HTMLElement {
  const look = aqiLook(aqi);
  const hasValue = aqi != null && Number.isFinite(aqi.value);
  const primary = aqi?.primaryPollutants?.length
    ? aqi.primaryPollutants.map((p) => label(p, i18n.language)).join(', ')
    : hasValue && aqi.value <= 50 ? t('primaryNone') : null;
  const dailyLook = aqiLook(daily);
  return h('div', { class: 'aqi-card', 'data-aqi': hasValue ? aqi.value : 'none', style: `--category: ${look.color}; --category-text: ${look.textColor}; --category-ink: ${look.ink}` },
    h('div', { class: 'aqi-title' }, title),
    h('div', { class: 'aqi-main' },
      hasValue ? h('div', { class: 'aqi-value' }, String(Math.round(aqi.value))) : h('div', { class: 'aqi-value none' }, noData()),
      h('div', { class: 'aqi-category' }, look.level ? `${look.level} · ${look.label}` : look.label)),
    h('dl', { class: 'aqi-facts' },
      h('dt', {}, t('primaryPollutant')), h('dd', {}, primary ?? noData()),
      h('dt', {}, t('hour')), h('dd', {}, aqi?.hour ? `${formatDateTime(aqi.hour)}${aqi.provisional ? ` (${t('provisional')})` : ''}` : noData()),
      h('dt', {}, t('dailyAqi')), h('dd', { class: 'daily-aqi' }, daily
        ? h('span', {}, h('span', { class: 'chip', style: `background: ${dailyLook.color}` }), `${Math.round(daily.value)} ${dailyLook.label}${daily.day ? ` · ${daily.day}` : ''}`)
        : noData()),
      h('dt', {}, t('standard')), h('dd', {}, aqi?.standard ?? noData())));
}
