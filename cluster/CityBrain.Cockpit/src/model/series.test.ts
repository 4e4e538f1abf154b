import { describe, expect, it } from 'vitest';
import type { History } from '../api/types';
import { loneDots, standsAlone, withGaps } from './series';

const hour = 3_600_000;

function history(values: (number | null)[]): History {
  return {
    metric: 'pm2_5',
    unit: 'ug/m3',
    step: 'hour',
    from: '2026-12-06T00:00:00Z',
    to: '2026-12-06T06:00:00Z',
    points: values.map((value, i) => ({ time: new Date(Date.parse('2026-12-06T00:00:00Z') + i * hour).toISOString(), value, count: 0 })),
  } as History;
}

describe('standsAlone', () => {
  it('marks a value with gaps on both sides, the first and last included, and nothing in a run', () => {
    const data = withGaps(history([5, null, 7, 8, null, 9]), hour);
    expect(data.map((_, i) => standsAlone(data, i))).toEqual([true, false, false, false, false, true]);
  });

  it('gives the only hourly value of a day a dot and the others none', () => {
    const data = withGaps(history([null, null, 42, null]), hour);
    const { symbolSize } = loneDots(data, 6);
    expect(data.map((_, i) => symbolSize(null, { dataIndex: i }))).toEqual([0, 0, 6, 0]);
  });
});

describe('withGaps', () => {
  it('breaks the line where the host skipped a step', () => {
    const skipping = history([1, 2]);
    skipping.points[1].time = new Date(Date.parse(skipping.points[0].time) + 3 * hour).toISOString();
    expect(withGaps(skipping, hour).map(([, v]) => v)).toEqual([1, null, 2]);
  });
});
