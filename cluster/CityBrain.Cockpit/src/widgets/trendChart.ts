import type { History, HistoryStep } from '../api/types';
import type { HistoryQuery } from '../api/client';
import { i18n, type MessageKey, t } from '../i18n/i18n';
import { historyCsv } from '../model/csv';
import { cityClock, formatAxisTime, formatDateTime, formatValue } from '../model/format';
import { loneDots, withGaps } from '../model/series';
import { displayUnit, label } from '../model/quantities';
import { axisStyle, Chart, em, legendStyle, palette } from '../ui/charts';
import { h } from '../ui/dom';

export interface Period {
  key: MessageKey;
  hours: number;
  step: HistoryStep;
}

export const periods = {
  day: { key: 'period24h', hours: 24, step: 'hour' },
  week: { key: 'period7d', hours: 24 * 7, step: 'hour' },
  month: { key: 'period30d', hours: 24 * 30, step: 'day' },
} satisfies Record<string, Period>;

export type HistoryLoader = (query: HistoryQuery, signal: AbortSignal) => Promise<History | null>;

const refreshMs = 60_000;
const stepMs: Record<HistoryStep, number> = { hour: 3_600_000, day: 86_400_000 };

/** Metrics over time from a history API, one y-axis per unit. An hour without a valid value is a gap in the line. */
export class TrendChart {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly message: HTMLElement;
  private readonly switcher: HTMLElement;
  private readonly download: HTMLElement;
  private readonly actionBar: HTMLElement;
  private shown: { series: { metric: string; history: History }[]; from: Date } = { series: [], from: new Date() };
  private period: Period;
  private abort = new AbortController();
  private readonly timer: number;

  constructor(private readonly load: HistoryLoader, private readonly metrics: readonly string[], private readonly choices: readonly Period[]) {
    this.period = choices[0];
    const canvas = h('div', { class: 'chart trend-chart' });
    this.message = h('div', { class: 'chart-message', hidden: true }, t('noHistory'));
    this.switcher = h('div', { class: 'segmented', role: 'group' });
    this.download = h('button', { type: 'button', class: 'button csv', title: t('downloadCsvTitle'), onclick: () => this.saveCsv() }, t('downloadCsv'));
    this.actionBar = h('div', { class: 'trend-actions' }, this.switcher, this.download);
    this.element = h('div', { class: 'trend' }, h('div', { class: 'chart-frame' }, canvas, this.message));
    this.chart = new Chart(canvas);
    this.renderSwitcher();
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), refreshMs);
  }

  /** The period buttons (none when there is a single period) and the CSV download, for the panel header. */
  get actions(): HTMLElement {
    return this.actionBar;
  }

  /** Saves what the chart shows now as a CSV file. */
  private saveCsv(): void {
    const csv = historyCsv(this.shown.series.map((s) => {
      const unit = displayUnit(s.metric, s.history.unit);
      return { heading: `${label(s.metric, i18n.language)}${unit ? ` (${unit})` : ''}`, history: s.history };
    }));
    const href = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', {
      href,
      download: `citybrain-${this.shown.series.map((s) => s.metric).join('-')}-${this.shown.from.toISOString().slice(0, 10)}-${this.period.step}.csv`,
    });
    link.click();
    // The browser reads the file after the click returns; revoked at once, a busy browser downloads nothing.
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  private renderSwitcher(): void {
    if (this.choices.length < 2) return;
    this.switcher.replaceChildren(...this.choices.map((p) => h('button', {
      type: 'button',
      class: p === this.period ? 'active' : '',
      'aria-pressed': p === this.period ? 'true' : 'false',
      onclick: () => {
        this.period = p;
        this.renderSwitcher();
        void this.refresh();
      },
    }, t(p.key))));
  }

  private async refresh(): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const to = new Date();
    const from = new Date(to.getTime() - this.period.hours * 3_600_000);
    const step = this.period.step;
    let histories: (History | null)[];
    try {
      histories = await Promise.all(this.metrics.map((metric) => this.load({ metric, from, to, step }, signal)));
    } catch (error) {
      if (signal.aborted) return;
      histories = this.metrics.map(() => null);
      console.warn('history could not be read', error);
    }
    this.draw(histories.flatMap((history, i) => (history ? [{ metric: this.metrics[i], history }] : [])), from, to, step);
  }

  private draw(series: { metric: string; history: History }[], from: Date, to: Date, step: HistoryStep): void {
    this.shown = { series, from };
    const withData = series.filter((s) => s.history.points.some((p) => p.value != null));
    this.message.hidden = withData.length > 0;
    // An empty chart still needs one value axis, or ECharts has no grid to draw the time axis in.
    const units = series.length ? [...new Set(series.map((s) => displayUnit(s.metric, s.history.unit)))] : [''];
    this.chart.set({
      useUTC: true,
      grid: { left: em(3.7), right: em(1.6) + Math.max(0, units.length - 1) * em(3.7), top: em(3.4), bottom: em(1.9) },
      // One scrolling line: a legend wrapping onto a second line on a phone would run into the axis names.
      legend: { type: 'scroll', top: 0, ...legendStyle(), pageTextStyle: { color: palette.muted }, data: series.map((s) => label(s.metric, i18n.language)) },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { seriesName: string; value: [number, number | null]; marker: string; data: { metric: string; time: number } }[]) =>
          params.length === 0 ? '' : [formatDateTime(new Date(params[0].data.time)), ...params.map((p) =>
            `${p.marker}${p.seriesName}: ${withUnit(p.data.metric, p.value[1], series)}`)].join('<br>'),
      },
      xAxis: {
        type: 'time',
        min: cityClock(from.getTime()),
        max: cityClock(to.getTime()),
        ...axisStyle(),
        splitLine: { show: false },
        axisLabel: { color: palette.muted, hideOverlap: true, formatter: (value: number) => formatAxisTime(value) },
      },
      yAxis: units.map((unit, i) => ({
        type: 'value',
        name: unit || t('aqi'),
        nameTextStyle: { color: palette.muted },
        position: i === 0 ? 'left' : 'right',
        offset: i > 1 ? (i - 1) * em(3.7) : 0,
        scale: false,
        ...axisStyle(),
        splitLine: { show: i === 0, lineStyle: { color: palette.grid } },
      })),
      series: series.map((s) => ({ s, data: withGaps(s.history, stepMs[step]) })).map(({ s, data }) => ({
        type: 'line',
        name: label(s.metric, i18n.language),
        yAxisIndex: units.indexOf(displayUnit(s.metric, s.history.unit)),
        connectNulls: false,
        lineStyle: { width: s.metric === 'aqi' ? 3 : 1.75 },
        ...loneDots(data, em(0.45)),
        data: data.map(([time, value]) => ({ value: [cityClock(time), value], metric: s.metric, time })),
      })),
    }, true);
  }

  dispose(): void {
    window.clearInterval(this.timer);
    this.abort.abort();
    this.chart.dispose();
  }
}

function withUnit(metric: string, value: number | null, series: { metric: string; history: History }[]): string {
  const text = formatValue(metric, value);
  if (text == null) return t('noData');
  const unit = displayUnit(metric, series.find((s) => s.metric === metric)?.history.unit);
  return unit ? `${text} ${unit}` : text;
}
