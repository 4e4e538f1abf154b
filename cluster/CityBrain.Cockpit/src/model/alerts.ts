import type { Alert } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { categoryName, categoryOf } from './aqi';
import { displayUnit, label } from './quantities';
import { formatValue } from './format';

/** Critical before warning, then the ones that exceed their limit most, then the newest: what a director must see
 *  first is at the top of the list, whatever order the host sent. */
export function bySeverity(alerts: readonly Alert[]): Alert[] {
  const rank = (a: Alert) => (a.severity === 'critical' ? 0 : 1);
  const excess = (a: Alert) => (a.limit > 0 ? a.value / a.limit : 0);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || excess(b) - excess(a) || Date.parse(b.since) - Date.parse(a.since));
}

/** A pollutant's alert names its averaging period (HJ 633: "PM10-1h", "O3-8h", "CO-24h"). */
const itemPattern = /^(PM2\.5|PM10|O3|NO2|SO2|CO)-(1h|8h|24h)$/;
const wireNames: Record<string, string> = { 'PM2.5': 'pm2_5', PM10: 'pm10', O3: 'o3', NO2: 'no2', SO2: 'so2', CO: 'co' };
const periods = { '1h': 'mean1h', '8h': 'mean8h', '24h': 'mean24h' } as const;

/** What the alert says, in the page's language, from its fields (never the host's English sentence): the value against
 *  its limit in display units, the AQI with its category's name. */
export function describeAlert(alert: Pick<Alert, 'kind' | 'metric' | 'value' | 'limit' | 'unit'>): string {
  switch (alert.kind) {
    case 'airPolluted': {
      const category = categoryOf(alert.value);
      return t('alertAir', { value: Math.round(alert.value), category: category ? categoryName(category) : '' });
    }
    case 'pollutantOverLimit': {
      const [, item = alert.metric, period] = itemPattern.exec(alert.metric) ?? [];
      const metric = wireNames[item] ?? item;
      const unit = displayUnit(metric, alert.unit);
      return t('alertPollutant', {
        pollutant: label(metric, i18n.language),
        period: period ? t(periods[period as keyof typeof periods]) : '',
        value: formatValue(metric, alert.value) ?? '',
        limit: formatValue(metric, alert.limit) ?? '',
        unit,
      });
    }
    case 'noiseOverLimit':
      return t('alertNoise', { value: formatValue('noise', alert.value) ?? '', limit: formatValue('noise', alert.limit) ?? '' });
    case 'deviceOffline':
      return t('alertOffline', { minutes: Math.round(alert.value) });
    default:
      return t('alertInvalid', { n: Math.round(alert.value) });
  }
}
