import type { History } from '../api/types';

/** One series of a chart: a metric's history, and the column heading the page gives it. */
export interface CsvSeries {
  heading: string;
  history: History;
}

/** What a chart shows as CSV (RFC 4180): one row per period in time order, a column per series, the period's start as
 *  the host sent it (ISO 8601 with its offset), an empty cell where a period had no valid value, never a 0. */
export function historyCsv(series: readonly CsvSeries[]): string {
  const times = [...new Set(series.flatMap((s) => s.history.points.map((p) => p.time)))].sort((a, b) => Date.parse(a) - Date.parse(b));
  const values = series.map((s) => new Map(s.history.points.map((p) => [p.time, p.value])));
  const rows = [['time', ...series.map((s) => s.heading)], ...times.map((time) => [time, ...values.map((v) => String(v.get(time) ?? ''))])];
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
