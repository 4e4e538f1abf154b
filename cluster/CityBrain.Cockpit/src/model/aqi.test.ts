import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aqi } from '../api/types';
import { i18n } from '../i18n/i18n';
import { aqiCategories, aqiLook, categoryOf, contrastRatio, indexColor, noDataColor, outlineOf, panelColor, readableTextOn, useAqiCategories } from './aqi';
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
    expect(aqiLook(null)).toMatchObject({ color: noDataColor, label: 'no data', level: '', textColor: '#FFFFFF', outline: null });
    expect(aqiLook(aqi(Number.NaN, '#00E400')).color).toBe(noDataColor);
  });

  it('takes the host’s colour and names the band in the current language', () => {
    expect(aqiLook(aqi(180, '#FE0000'))).toMatchObject({ color: '#FE0000', label: 'Moderately polluted', level: 'Level 4', textColor: '#10141C' });
    i18n.set('zh');
    expect(aqiLook(aqi(75, '#FFFF00'))).toEqual({ color: '#FFFF00', label: '良', level: '二级', textColor: '#10141C', ink: '#FFFF00', outline: null });
  });
});

describe('colours', () => {
  it('colour an individual index on the same scale', () => {
    expect(indexColor(120)).toBe('#FF7E00');
  });

  it('put dark text on light colours and white on dark ones', () => {
    expect(readableTextOn('#FFFF00')).toBe('#10141C');
    expect(readableTextOn('00e400')).toBe('#10141C');
    expect(readableTextOn('#FF0000')).toBe('#10141C');
    expect(readableTextOn('#7E0023')).toBe('#FFFFFF');
    expect(readableTextOn('not a colour')).toBe('#FFFFFF');
  });

  it('measure contrast as WCAG 2.x does', () => {
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#7E0023', panelColor)).toBeCloseTo(1.58, 2);
  });

  it('read at 4.5:1 on every band: the text on its fill and its number on the dark card', () => {
    for (const category of aqiCategories()) {
      const look = aqiLook(aqi(category.lowerIndex, category.colour));
      expect(contrastRatio(look.textColor, category.colour)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(look.ink, panelColor)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('edge the heavily and severely polluted bands, which the panel swallows, and no other', () => {
    expect(
      aqiCategories()
        .filter((c) => outlineOf(c.colour))
        .map((c) => c.colour),
    ).toEqual(['#99004C', '#7E0023']);
    for (const category of aqiCategories()) {
      const edge = outlineOf(category.colour) ?? category.colour;
      expect(contrastRatio(edge, panelColor)).toBeGreaterThanOrEqual(3);
    }
  });
});
