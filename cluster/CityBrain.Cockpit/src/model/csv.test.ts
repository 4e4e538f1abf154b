import { describe, expect, it } from 'vitest';
import type { History } from '../api/types';
import { historyCsv } from './csv';

function history(metric: string, points: [string, number | null][]): History {
  return {
    metric,
    unit: 'ug/m3',
    step: 'hour',
    from: points[0][0],
    to: points[points.length - 1][0],
    points: points.map(([time, value]) => ({ time, value, count: 0 })),
  } as History;
}

describe('historyCsv', () => {
  it('puts each period on a row and each series in a column, gaps empty and never 0', () => {
    const csv = historyCsv([
      {
        heading: 'AQI',
        history: history('aqi', [
          ['2026-12-06T00:00:00+08:00', 42],
          ['2026-12-06T01:00:00+08:00', null],
        ]),
      },
      {
        heading: 'PM2.5 (µg/m³)',
        history: history('pm2_5', [
          ['2026-12-06T01:00:00+08:00', 12.5],
          ['2026-12-06T00:00:00+08:00', 0],
        ]),
      },
    ]);

    expect(csv).toBe('time,AQI,PM2.5 (µg/m³)\r\n2026-12-06T00:00:00+08:00,42,0\r\n2026-12-06T01:00:00+08:00,,12.5\r\n');
  });

  it('quotes a heading with a comma or a quote', () => {
    expect(historyCsv([{ heading: 'Noise, "LAeq"', history: history('noise', [['2026-12-06T00:00:00Z', 55]]) }]).split('\r\n')[0]).toBe(
      'time,"Noise, ""LAeq"""',
    );
  });
});
