import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import {
  cityClock,
  formatAxisTime,
  formatBytes,
  formatCount,
  formatDateTime,
  formatDuration,
  formatPercent,
  formatTime,
  formatValue,
  useCityTimeZone,
} from './format';

afterEach(() => {
  i18n.set('en');
  useCityTimeZone('UTC');
});

describe('formatValue', () => {
  it('rounds as the quantity is reported', () => {
    expect(formatValue('pm2_5', 35.6)).toBe('36');
    expect(formatValue('co', 1.234)).toBe('1.2');
    expect(formatValue('o3_8h', 101.4)).toBe('101');
  });

  it('gives a rate in percent', () => {
    expect(formatValue('online_rate', 0.9754)).toBe('97.5');
  });

  it('gives an unknown quantity one decimal', () => {
    expect(formatValue('radon', 2)).toBe('2.0');
  });

  it('says nothing rather than 0 when there is no value', () => {
    expect(formatValue('pm2_5', null)).toBeNull();
    expect(formatValue('pm2_5', undefined)).toBeNull();
    expect(formatValue('pm2_5', Number.NaN)).toBeNull();
    expect(formatValue('pm2_5', Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('groups thousands', () => {
    expect(formatValue('co2', 12345)).toBe('12,345');
  });
});

describe('formatPercent and formatCount', () => {
  it('shows a rate as a percentage to one decimal', () => {
    expect(formatPercent(0.9567)).toBe('95.7 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(null)).toBeNull();
  });

  it('shows a missing count as no data, never as 0', () => {
    expect(formatCount(null)).toBe('no data');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('speaks the current language', () => {
    i18n.set('zh');
    expect(formatCount(null)).toBe('无数据');
  });
});

describe('times', () => {
  it('are the city’s local time, whatever the screen’s clock', () => {
    useCityTimeZone('Asia/Shanghai');
    expect(formatDateTime('2026-11-23T07:00:00Z')).toBe('23/11/2026, 15:00:00');
    expect(formatTime(new Date('2026-11-23T16:30:05Z'))).toBe('00:30:05');
  });

  it("put a chart's ticks at the city's midnights and hours, whatever the screen's zone", () => {
    useCityTimeZone('Asia/Shanghai');
    // Midnight in Shanghai is 16:00 UTC the day before.
    const midnight = cityClock(Date.parse('2026-11-30T16:00:00Z'));
    expect(midnight).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(formatAxisTime(midnight)).toBe('01/12');
    expect(formatAxisTime(cityClock(Date.parse('2026-12-01T00:00:00Z')))).toBe('08:00');
    useCityTimeZone('Europe/Berlin');
    // Summer time: the wall clock moves with the offset.
    expect(cityClock(Date.parse('2026-07-01T10:30:00Z'))).toBe(Date.parse('2026-07-01T12:30:00Z'));
  });

  it('say never for a missing time and no data for a broken one', () => {
    expect(formatDateTime(null)).toBe('never');
    expect(formatTime('not a time')).toBe('no data');
  });
});

describe('formatDuration', () => {
  it('names the two largest units', () => {
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(61)).toBe('1 min 1 s');
    expect(formatDuration(3661)).toBe('1 h 1 min');
    expect(formatDuration(90061)).toBe('1 d 1 h');
  });

  it('rounds to whole seconds and has no data for a missing one', () => {
    expect(formatDuration(1.6)).toBe('2 s');
    expect(formatDuration(null)).toBe('no data');
    expect(formatDuration(Number.NaN)).toBe('no data');
  });
});

describe('formatBytes', () => {
  it('uses binary units up to TiB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GiB');
    expect(formatBytes(2 * 1024 ** 5)).toBe('2,048 TiB');
    expect(formatBytes(null)).toBe('no data');
  });
});
