import type { HistoryStep } from '../api/types';
import { cityClock } from './format';

const dayMs = 86_400_000;
/** Hourly points up to a week (168 points); beyond, a line of hours is too dense to read and days are loaded. */
const hourlyUpToDays = 7;
export const maxRangeDays = 366;

export type RangeProblem = 'rangeEmpty' | 'rangeReversed' | 'rangeTooLong';
export type CustomRange = { from: Date; to: Date; step: HistoryStep } | { problem: RangeProblem };

/** The instant the city's clock shows midnight starting a date ("2026-12-07"). */
export function cityMidnight(date: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`);
  // The city's offset at a first guess, then at the instant it gives, so a day after an offset change lands right.
  const first = wall - (cityClock(wall) - wall);
  return new Date(wall - (cityClock(first) - first));
}

/** The city's date of an instant, as an <input type="date"> writes it. */
export function cityDate(instant: Date): string {
  return new Date(cityClock(instant.getTime())).toISOString().slice(0, 10);
}

/** The range from the start of one city date to the end of another, both days included. */
export function customRange(fromDate: string, toDate: string): CustomRange {
  if (!fromDate || !toDate) return { problem: 'rangeEmpty' };
  const from = cityMidnight(fromDate);
  // Calendar arithmetic on the date itself: the day after, whatever the city's offset does that night.
  const to = cityMidnight(new Date(Date.parse(`${toDate}T00:00:00Z`) + dayMs).toISOString().slice(0, 10));
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return { problem: 'rangeEmpty' };
  if (to <= from) return { problem: 'rangeReversed' };
  const days = Math.round((to.getTime() - from.getTime()) / dayMs);
  if (days > maxRangeDays) return { problem: 'rangeTooLong' };
  return { from, to, step: days <= hourlyUpToDays ? 'hour' : 'day' };
}
