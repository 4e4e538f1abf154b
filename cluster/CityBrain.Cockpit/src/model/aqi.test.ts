import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aqi } from '../api/types';
import { i18n } from '../i18n/i18n';
import { aqiCategories, aqiLook, categoryOf, indexColor, noDataColor, readableTextOn, useAqiCategories } from './aqi';
import { hj633Scale } from './testing/hj633Scale';

function aqi(value: number, color: string): Aqi {
  return {
    value,
    category: 'x',
    categoryZh: 'x',
    categoryEn: 'x',
    level: 0,
    color,
    primaryPollutants: [],
    exceedingPollutants: [],
    iaqi: {},
    beyondIndex: false,
    standard: 'HJ633-2026',
    provisional: false,
  };
}

beforeEach(() => useAqiCategories(hj633Scale));
afterEach(() => i18n.set('en'));

describe('categoryOf', () => {
  it('finds the band an index falls in, bounds included', () => {
    expect(aqiCategories().map((c) => c.level)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(categoryOf(0)?.level).toBe(1);
    expect(categoryOf(50)?.level).toBe(1);
    expect(categoryOf(51)?.level).toBe(2);
    expect(categoryOf(200)?.level).toBe(4);
  });

  it('puts an index beyond the scale in its last band', () => {
    expect(categoryOf(650)?.level).toBe(6);
  });

  it('has no band before the scale is loaded', () => {
    useAqiCategories([]);
    expect(categoryOf(42)).toBeUndefined();
    expect(indexColor(42)).toBe(noDataColor);
  });
});

describe('aqiLook', () => {
  it('shows a missing AQI as grey no data, never as clean air', () => {
    expect(aqiLook(null)).toEqual({ color: noDataColor, label: 'no data', level: '', textColor: '#FFFFFF' });
    expect(aqiLook(aqi(Number.NaN, '#00E400')).color).toBe(noDataColor);
  });

  it('takes the host’s colour and names the band in the current language', () => {
    expect(aqiLook(aqi(180, '#FE0000'))).toEqual({ color: '#FE0000', label: 'Moderately polluted', level: 'Level 4', textColor: '#FFFFFF' });
    i18n.set('zh');
    expect(aqiLook(aqi(75, '#FFFF00'))).toEqual({ color: '#FFFF00', label: '良', level: '二级', textColor: '#10141C' });
  });
});

describe('colours', () => {
  it('colour an individual index on the same scale', () => {
    expect(indexColor(120)).toBe('#FF7E00');
  });

  it('put dark text on light colours and white on dark ones', () => {
    expect(readableTextOn('#FFFF00')).toBe('#10141C');
    expect(readableTextOn('00e400')).toBe('#10141C');
    expect(readableTextOn('#7E0023')).toBe('#FFFFFF');
    expect(readableTextOn('not a colour')).toBe('#FFFFFF');
  });
});
