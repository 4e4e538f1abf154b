import { describe, expect, it } from 'vitest';
import { decimals, displayMax, displayUnit, displayValue, label, listPosition, shortLabel, useVocabulary } from './quantities';

describe('names', () => {
  it('are in the language asked for', () => {
    expect(label('o3', 'en')).toBe('O₃');
    expect(label('o3', 'zh')).toBe('臭氧 O₃');
  });

  it('drop an averaging-time suffix', () => {
    expect(label('o3_8h', 'en')).toBe('O₃');
    expect(shortLabel('pm10_24h')).toBe('PM10');
    expect(decimals('co_1h')).toBe(1);
  });

  it('fall back to the wire name for a quantity the page does not know', () => {
    expect(label('radon', 'zh')).toBe('radon');
    expect(shortLabel('radon')).toBe('radon');
  });
});

describe('listPosition', () => {
  it('lists quantities in the page’s order and unknown ones last', () => {
    const metrics = ['radon', 'co', 'temperature', 'pm2_5', 'aqi'];
    expect([...metrics].sort((a, b) => listPosition(a) - listPosition(b))).toEqual(['aqi', 'pm2_5', 'co', 'temperature', 'radon']);
  });
});

describe('displayUnit', () => {
  useVocabulary([
    { wireName: 'pm2_5', unit: 'ug/m3', displayUnit: 'µg/m³', min: 0, max: 1000 },
    { wireName: 'o3', unit: 'ug/m3', displayUnit: 'µg/m³', min: 0, max: 1000 },
    { wireName: 'noise', unit: 'dBA', displayUnit: 'dB(A)', min: 0, max: 140 },
  ]);

  it('comes from the host’s vocabulary', () => {
    expect(displayUnit('pm2_5')).toBe('µg/m³');
    expect(displayUnit('o3_8h')).toBe('µg/m³');
    expect(displayUnit('noise')).toBe('dB(A)');
  });

  it('is empty for the dimensionless AQI', () => {
    expect(displayUnit('aqi', 'ug/m3')).toBe('');
  });

  it('follows the wire unit for a quantity the vocabulary lacks, and shows an unknown unit as it came', () => {
    expect(displayUnit('pm4', 'ug/m3')).toBe('µg/m³');
    expect(displayUnit('radon', 'Bq/m3')).toBe('Bq/m3');
    expect(displayUnit('radon')).toBe('');
  });
});

describe('rates', () => {
  it('are read in percent: scaled, with % as their unit, on an axis that ends at 100', () => {
    expect(displayUnit('online_rate', null)).toBe('%');
    expect(displayValue('validity_rate', 0.975)).toBeCloseTo(97.5);
    expect(displayMax('online_rate')).toBe(100);
    expect(label('online_rate', 'zh')).toBe('设备在线率');
  });

  it('leave other metrics as the host sends them', () => {
    expect(displayValue('pm2_5', 35)).toBe(35);
    expect(displayMax('pm2_5')).toBeUndefined();
  });
});
