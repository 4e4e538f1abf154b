import type { Aqi } from '../api/types';
import { t, i18n } from '../i18n/i18n';
import { aqiLook } from '../model/aqi';
import { formatDateTime } from '../model/format';
import { label } from '../model/quantities';
import { h, noData } from '../ui/dom';

/** The AQI as the bureau reads it: number, category in its HJ 633 colour, primary pollutant(s), standard and hour. */
export function aqiCard(title: string, aqi: Aqi | null | undefined): HTMLElement {
  const look = aqiLook(aqi);
  const hasValue = aqi != null && Number.isFinite(aqi.value);
  const primary = aqi?.primaryPollutants?.length
    ? aqi.primaryPollutants.map((p) => label(p, i18n.language)).join(', ')
    : hasValue && aqi.value <= 50 ? t('primaryNone') : null;
  return h('div', { class: 'aqi-card', 'data-aqi': hasValue ? aqi.value : 'none', style: `--category: ${look.color}; --category-text: ${look.textColor}` },
    h('div', { class: 'aqi-title' }, title),
    h('div', { class: 'aqi-main' },
      hasValue ? h('div', { class: 'aqi-value' }, String(Math.round(aqi.value))) : h('div', { class: 'aqi-value none' }, noData()),
      h('div', { class: 'aqi-category' }, look.level ? `${look.level} · ${look.label}` : look.label)),
    h('dl', { class: 'aqi-facts' },
      h('dt', {}, t('primaryPollutant')), h('dd', {}, primary ?? noData()),
      h('dt', {}, t('standard')), h('dd', {}, aqi?.standard ?? noData()),
      h('dt', {}, t('hour')), h('dd', {}, aqi?.hour ? formatDateTime(aqi.hour) : noData())));
}
