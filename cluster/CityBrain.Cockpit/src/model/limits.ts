import type { HistoryStep } from '../api/types';

/** A horizontal line a trend draws for a metric: a national limit or a category boundary, in the history's unit. */
export interface Limit {
  value: number;
  kind: 'gb3095' | 'aqi' | 'noiseDay' | 'noiseNight';
  /** The averaging time the limit is defined over, for GB 3095's concentration limits. */
  averaging?: '1h' | '24h';
}

/** The limits of a district's GB 3096-2008 zone, as the region response sends them. */
export interface NoiseLimits {
  limitDay: number | null;
  limitNight: number | null;
}

interface Concentration {
  unit: string;
  /** Grade II, 1-hour mean; absent where GB 3095-2012 sets none (PM2.5, PM10). */
  hour?: number;
  /** Grade II, 24-hour mean; absent for O₃, whose daily limit is for the day's highest 8-hour mean, while a daily
   *  point of the history is the day's mean. */
  day?: number;
}

// GB 3095-2012, table 1, grade II (the class of residential, commercial and mixed areas).
const gb3095: Record<string, Concentration> = {
  pm2_5: { unit: 'ug/m3', day: 75 },
  pm10: { unit: 'ug/m3', day: 150 },
  no2: { unit: 'ug/m3', hour: 200, day: 80 },
  so2: { unit: 'ug/m3', hour: 500, day: 150 },
  co: { unit: 'mg/m3', hour: 10, day: 4 },
  o3: { unit: 'ug/m3', hour: 200 },
};

/** HJ 633-2012: above 100 the air is polluted (light), above 200 heavily so. */
const aqiBoundaries = [100, 200];

/** The lines worth drawing on a trend of `metric` at `step`. A concentration limit is drawn only for the averaging time
 *  a point of that step stands for and only in the unit the limit is written in: an hourly PM2.5 trend has no limit
 *  to compare with, and a line in the wrong unit would be off by a factor of a thousand. */
export function limitsFor(metric: string, step: HistoryStep, unit: string | null | undefined, noise?: NoiseLimits | null): Limit[] {
  if (metric === 'aqi') return aqiBoundaries.map((value) => ({ value, kind: 'aqi' }));
  if (metric === 'noise') {
    return [
      ...(noise?.limitDay != null ? [{ value: noise.limitDay, kind: 'noiseDay' as const }] : []),
      ...(noise?.limitNight != null ? [{ value: noise.limitNight, kind: 'noiseNight' as const }] : []),
    ];
  }
  const limit = gb3095[metric];
  if (!limit || limit.unit !== unit) return [];
  const value = step === 'day' ? limit.day : limit.hour;
  return value != null ? [{ value, kind: 'gb3095', averaging: step === 'day' ? '24h' : '1h' }] : [];
}
