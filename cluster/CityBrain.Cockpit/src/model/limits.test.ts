import { describe, expect, it } from 'vitest';
import { limitsFor } from './limits';

describe('limitsFor', () => {
  it('gives the 24-hour grade II limits for daily concentrations', () => {
    expect(limitsFor('pm2_5', 'day', 'ug/m3')).toEqual([{ value: 75, kind: 'gb3095', averaging: '24h' }]);
    expect(limitsFor('pm10', 'day', 'ug/m3')).toEqual([{ value: 150, kind: 'gb3095', averaging: '24h' }]);
    expect(limitsFor('no2', 'day', 'ug/m3')).toEqual([{ value: 80, kind: 'gb3095', averaging: '24h' }]);
    expect(limitsFor('so2', 'day', 'ug/m3')).toEqual([{ value: 150, kind: 'gb3095', averaging: '24h' }]);
    expect(limitsFor('co', 'day', 'mg/m3')).toEqual([{ value: 4, kind: 'gb3095', averaging: '24h' }]);
  });

  it('gives ozone its 8-hour limit by day and its 1-hour limit by hour', () => {
    // O₃'s daily limit is for the highest 8-hour mean; a daily point is the day's mean: no line.
    expect(limitsFor('o3', 'day', 'ug/m3')).toEqual([]);
    expect(limitsFor('o3', 'hour', 'ug/m3')).toEqual([{ value: 200, kind: 'gb3095', averaging: '1h' }]);
  });

  it('gives the 1-hour limits by hour where the standard has them', () => {
    expect(limitsFor('no2', 'hour', 'ug/m3')).toEqual([{ value: 200, kind: 'gb3095', averaging: '1h' }]);
    expect(limitsFor('so2', 'hour', 'ug/m3')).toEqual([{ value: 500, kind: 'gb3095', averaging: '1h' }]);
    expect(limitsFor('co', 'hour', 'mg/m3')).toEqual([{ value: 10, kind: 'gb3095', averaging: '1h' }]);
  });

  it('invents no hourly limit for particles', () => {
    expect(limitsFor('pm2_5', 'hour', 'ug/m3')).toEqual([]);
    expect(limitsFor('pm10', 'hour', 'ug/m3')).toEqual([]);
  });

  it('draws nothing in a unit the limit is not written in', () => {
    expect(limitsFor('co', 'day', 'ug/m3')).toEqual([]);
    expect(limitsFor('pm2_5', 'day', null)).toEqual([]);
  });

  it('marks the AQI where the air turns polluted and heavily polluted', () => {
    expect(limitsFor('aqi', 'hour', null).map((l) => l.value)).toEqual([100, 200]);
    expect(limitsFor('aqi', 'day', null).map((l) => l.kind)).toEqual(['aqi', 'aqi']);
  });

  it("gives noise the district's zone limits, and none without a zone", () => {
    expect(limitsFor('noise', 'hour', 'dB(A)', { limitDay: 55, limitNight: 45 })).toEqual([
      { value: 55, kind: 'noiseDay' },
      { value: 45, kind: 'noiseNight' },
    ]);
    expect(limitsFor('noise', 'hour', 'dB(A)', null)).toEqual([]);
    expect(limitsFor('noise', 'day', 'dB(A)', { limitDay: 70, limitNight: null })).toEqual([{ value: 70, kind: 'noiseDay' }]);
  });

  it('draws nothing for metrics without a limit', () => {
    expect(limitsFor('temperature', 'hour', '°C')).toEqual([]);
  });
});
