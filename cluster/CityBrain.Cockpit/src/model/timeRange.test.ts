import { afterEach, describe, expect, it } from 'vitest';
import { useCityTimeZone } from './format';
import { cityDate, cityMidnight, customRange } from './timeRange';

afterEach(() => useCityTimeZone('UTC'));

describe('cityMidnight and cityDate', () => {
  it("read a date on the city's clock", () => {
    useCityTimeZone('Asia/Shanghai');
    expect(cityMidnight('2026-12-07').toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(cityDate(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
    expect(cityDate(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
  });

  it('find midnight on a day the offset changes', () => {
    useCityTimeZone('Europe/Berlin');
    expect(cityMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(cityMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('customRange', () => {
  it('spans both dates whole, by hour up to a week', () => {
    useCityTimeZone('Asia/Shanghai');
    expect(customRange('2026-12-01', '2026-12-01')).toEqual({
      from: new Date('2026-11-30T16:00:00Z'),
      to: new Date('2026-12-01T16:00:00Z'),
      step: 'hour',
    });
    expect(customRange('2026-12-01', '2026-12-07')).toMatchObject({ step: 'hour' });
  });

  it('loads days beyond a week', () => {
    expect(customRange('2026-12-01', '2026-12-08')).toMatchObject({ step: 'day', to: new Date('2026-12-09T00:00:00Z') });
    expect(customRange('2025-12-07', '2026-12-07')).toMatchObject({ step: 'day' });
  });

  it('says what is wrong with a range it cannot load', () => {
    expect(customRange('', '2026-12-01')).toEqual({ problem: 'rangeEmpty' });
    expect(customRange('2026-12-01', '')).toEqual({ problem: 'rangeEmpty' });
    expect(customRange('2026-12-02', '2026-12-01')).toEqual({ problem: 'rangeReversed' });
    expect(customRange('2025-12-06', '2026-12-07')).toEqual({ problem: 'rangeTooLong' });
  });
});
