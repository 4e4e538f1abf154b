import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aqi, AqiCategory } from '../api/types';
import { i18n } from '../i18n/i18n';
import { aqiCategories, aqiLook, categoryOf, indexColor, noDataColor, readableTextOn, useAqiCategories } from './aqi';

// The HJ 633 bands as GET /api/aqi/categories serves them, deliberately out of order.
const scale: AqiCategory[] = [
  band(3, '三级', 101, 150, 'lightlyPolluted', '轻度污染', 'Lightly polluted', '#FF7E00'),
  band(1, '一级', 0, 50, 'excellent', '优', 'Excellent', '#00E400'),
  band(2, '二级', 51, 100, 'good', '良', 'Good', '#FFFF00'),
  band(4, '四级', 151, 200, 'moderatelyPolluted', '中度污染', 'Moderately polluted', '#FF0000'),
  band(5, '五级', 201, 300, 'heavilyPolluted', '重度污染', 'Heavily polluted', '#99004C'),
  band(6, '六级', 301, 500, 'severelyPolluted', '严重污染', 'Severely polluted', '#7E0023'),
];

function band(
  level: number,
  levelName: string,
  lowerIndex: number,
  upperIndex: number,
  code: string,
  nameZh: string,
  nameEn: string,
  colour: string,
): AqiCategory {
  return { level, levelName, lowerIndex, upperIndex, code, nameZh, nameEn, colour };
}

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

beforeEach(() => useAqiCategories(scale));
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
