import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../api/types';
import { i18n } from '../i18n/i18n';
import { bySeverity, describeAlert } from './alerts';
import { useAqiCategories } from './aqi';
import { useVocabulary } from './quantities';
import { hj633Scale } from './testing/hj633Scale';

function alert(
  kind: string,
  metric: string,
  value: number,
  limit: number,
  severity: string,
  since = '2026-12-06T08:00:00Z',
  unit: string | null = null,
): Alert {
  return {
    id: `${kind}/${metric}/${value}`,
    kind,
    district: 'haidian',
    device: null,
    metric,
    value,
    peak: value,
    limit,
    unit,
    severity,
    since,
    end: null,
    active: true,
    message: 'English from the host',
    provisional: false,
  };
}

beforeEach(() => {
  useAqiCategories(hj633Scale);
  useVocabulary([
    { wireName: 'pm10', unit: 'ug/m3', displayUnit: 'µg/m³', min: 0, max: 1000 },
    { wireName: 'noise', unit: 'dBA', displayUnit: 'dB(A)', min: 0, max: 140 },
  ]);
});
afterEach(() => i18n.set('en'));

describe('bySeverity', () => {
  it('puts critical first, then the larger exceedance, then the newer', () => {
    const noise = alert('noiseOverLimit', 'noise', 58, 55, 'warning', '2026-12-06T09:00:00Z');
    const light = alert('airPolluted', 'aqi', 120, 100, 'warning', '2026-12-06T07:00:00Z');
    const heavy = alert('airPolluted', 'aqi', 264, 100, 'critical', '2026-12-06T06:00:00Z');
    const newerLight = alert('airPolluted', 'aqi', 120, 100, 'warning', '2026-12-06T08:00:00Z');

    expect(bySeverity([noise, light, heavy, newerLight]).map((a) => a.id)).toEqual([heavy.id, newerLight.id, light.id, noise.id]);
  });
});

describe('describeAlert', () => {
  it('says an AQI with its category, in either language, never the host English', () => {
    const heavy = alert('airPolluted', 'aqi', 264, 100, 'critical');
    expect(describeAlert(heavy)).toBe('AQI 264: Heavily polluted');
    i18n.set('zh');
    expect(describeAlert(heavy)).toBe('AQI 264，重度污染');
  });

  it('names a pollutant by its label and averaging period, in display units', () => {
    const pm10 = alert('pollutantOverLimit', 'PM10-1h', 412, 350, 'warning', undefined, 'ug/m3');
    expect(describeAlert(pm10)).toBe('PM10 1-hour mean 412 µg/m³, above the limit of 350 µg/m³');
    i18n.set('zh');
    expect(describeAlert(pm10)).toBe('PM10小时均值 412 µg/m³，超过限值 350 µg/m³');
  });

  it('says noise against the zone limit and a silent device in minutes', () => {
    expect(describeAlert(alert('noiseOverLimit', 'noise', 61.7, 50, 'warning', undefined, 'dBA'))).toBe('Noise 61.7 dB(A), above the zone limit of 50.0 dB(A)');
    i18n.set('zh');
    expect(describeAlert(alert('deviceOffline', 'silence', 12.4, 5, 'warning', undefined, 'min'))).toBe('已 12 分钟无数据');
  });
});
