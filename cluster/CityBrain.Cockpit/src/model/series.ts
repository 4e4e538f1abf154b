import type { History } from '../api/types';

/** Whether the value at <i> stands alone between gaps: a line needs two neighbouring values, so alone it would not
 *  show at all. */
export function standsAlone(data: readonly [number, number | null][], i: number): boolean {
  return data[i]?.[1] != null && data[i - 1]?.[1] == null && data[i + 1]?.[1] == null;
}

/** A line series' symbols: none, except a dot of <size> for each value that stands alone. */
export function loneDots(data: readonly [number, number | null][], size: number) {
  return {
    showSymbol: true,
    showAllSymbol: true,
    symbol: 'circle',
    symbolSize: (_: unknown, params: { dataIndex: number }) => (standsAlone(data, params.dataIndex) ? size : 0),
  };
}

/** The points in time order, with a null wherever the host skipped a step, so the line breaks instead of bridging. */
export function withGaps(history: History, step: number): [number, number | null][] {
  const points = history.points
    .map((p) => [Date.parse(p.time), p.value] as [number, number | null])
    .filter(([time]) => Number.isFinite(time))
    .sort((a, b) => a[0] - b[0]);
  const result: [number, number | null][] = [];
  points.forEach((point, i) => {
    if (i > 0 && point[0] - points[i - 1][0] > step * 1.5) result.push([points[i - 1][0] + step, null]);
    result.push(point);
  });
  return result;
}
