import type { History, HistoryStep } from '../api/types';
import type { HistoryQuery } from '../api/client';
import { i18n, type MessageKey, t } from '../i18n/i18n';
import { categoryName, categoryOf } from '../model/aqi';
import { historyCsv } from '../model/csv';
import { cityClock, formatAxisTime, formatDateTime, formatValue } from '../model/format';
import { type Limit, limitsFor, type NoiseLimits } from '../model/limits';
import { loneDots, withGaps } from '../model/series';
import { displayMax, displayUnit, displayValue, label } from '../model/quantities';
import { cityDate, customRange, maxRangeDays } from '../model/timeRange';
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

/** A district's GB 3096 zone with its limits, for the noise trend's limit lines. */
export type NoiseZone = NoiseLimits & { zone: string | null };

interface Shown {
  series: { metric: string; history: History }[];
  from: Date;
  to: Date;
  step: HistoryStep;
}

/** The part of the time axis on screen, in percent of the loaded range, as ECharts' dataZoom counts it. */
interface Zoom {
  start: number;
  end: number;
}

const refreshMs = 60_000;
const stepMs: Record<HistoryStep, number> = { hour: 3_600_000, day: 86_400_000 };
const wholeRange: Zoom = { start: 0, end: 100 };
const phone = '(max-width: 720px)';

/** Metrics over time from a history API, one y-axis per unit, with the national limits of what is shown. An hour
 *  without a valid value is a gap in the line. */
export class TrendChart {
  readonly element: HTMLElement;
  private readonly chart: Chart;
  private readonly message: HTMLElement;
  private readonly switcher: HTMLElement;
  private readonly download: HTMLButtonElement;
  private readonly resetZoom: HTMLButtonElement;
  private readonly actionBar: HTMLElement;
  private readonly rangeBar: HTMLElement;
  private readonly rangeFrom: HTMLInputElement;
  private readonly rangeTo: HTMLInputElement;
  private readonly rangeMessage: HTMLElement;
  private shown: Shown = { series: [], from: new Date(), to: new Date(), step: 'hour' };
  /** A period of the choices, or null for the dates picked in the range bar. */
  private period: Period | null;
  private zoom: Zoom = wholeRange;
  private noise: NoiseZone | null = null;
  private abort = new AbortController();
  private readonly timer: number;

  constructor(private readonly load: HistoryLoader, private readonly metrics: readonly string[], private readonly choices: readonly Period[]) {
    this.period = choices[0];
    const canvas = h('div', { class: 'chart trend-chart' });
    this.message = h('div', { class: 'chart-message', hidden: true }, t('noHistory'));
    this.switcher = h('div', { class: 'segmented', role: 'group' });
    // Disabled until the first histories arrive: a file saved before would have times and no column.
    this.download = h('button', { type: 'button', class: 'button csv', title: t('downloadCsvTitle'), disabled: true, onclick: () => this.saveCsv() }, t('downloadCsv'));
    this.resetZoom = h('button', {
      type: 'button', class: 'button reset-zoom', title: t('resetZoomTitle'), disabled: true, onclick: () => this.chart.action({ type: 'dataZoom', ...wholeRange }),
    }, t('resetZoom'));
    this.actionBar = h('div', { class: 'trend-actions' }, this.switcher, this.resetZoom, this.download);
    const dateInput = (key: MessageKey) => h('input', { type: 'date', 'aria-label': t(key), title: t(key), onchange: () => void this.refresh() });
    this.rangeFrom = dateInput('rangeFrom');
    this.rangeTo = dateInput('rangeTo');
    this.rangeMessage = h('span', { class: 'trend-range-message', role: 'alert' });
    this.rangeBar = h('div', { class: 'trend-range', hidden: true }, this.rangeFrom, h('span', { 'aria-hidden': 'true' }, '–'), this.rangeTo, this.rangeMessage);
    this.element = h('div', { class: 'trend' }, this.rangeBar, h('div', { class: 'chart-frame' }, canvas, this.message));
    this.chart = new Chart(canvas);
    this.chart.on('datazoom', () => this.followZoom());
    this.renderSwitcher();
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), refreshMs);
  }

  /** The period buttons (none when there is a single period), the zoom reset and the CSV download, for the panel header. */
  get actions(): HTMLElement {
    return this.actionBar;
  }

  /** The zone of the district whose noise is drawn: its day and night limits become lines on the noise trend. */
  useNoiseZone(zone: NoiseZone | null): void {
    if (zone?.zone === this.noise?.zone && zone?.limitDay === this.noise?.limitDay && zone?.limitNight === this.noise?.limitNight) return;
    this.noise = zone;
    this.render();
  }

  /** Saves what the chart shows now as a CSV file: the zoomed part of the range, if zoomed. */
  private saveCsv(): void {
    const [first, last] = this.visibleWindow();
    const csv = historyCsv(this.shown.series.map((s) => {
      const unit = displayUnit(s.metric, s.history.unit);
      // Every period of which some part is on screen, as the line draws it: the first hour of a day's trend began before it.
      const points = s.history.points
        .filter((p) => Date.parse(p.time) + stepMs[this.shown.step] > first && Date.parse(p.time) < last)
        .map((p) => (p.value == null ? p : { ...p, value: displayValue(s.metric, p.value) }));
      return { heading: `${label(s.metric, i18n.language)}${unit ? ` (${unit})` : ''}`, history: { ...s.history, points } };
    }));
    const href = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
    const dates = `${cityDate(new Date(first))}-${cityDate(new Date(last - 1))}`;
    const link = h('a', { href, download: `citybrain-${this.shown.series.map((s) => s.metric).join('-')}-${dates}-${this.shown.step}.csv` });
    link.click();
    // The browser reads the file after the click returns; revoked at once, a busy browser downloads nothing.
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  /** The first and last instant on screen, in milliseconds. */
  private visibleWindow(): [number, number] {
    const from = this.shown.from.getTime();
    const span = this.shown.to.getTime() - from;
    return [from + (span * this.zoom.start) / 100, from + (span * this.zoom.end) / 100];
  }

  private followZoom(): void {
    const zoom = (this.chart.current()?.dataZoom as Partial<Zoom>[] | undefined)?.[0];
    this.zoom = { start: zoom?.start ?? 0, end: zoom?.end ?? 100 };
    this.resetZoom.disabled = this.zoom.start <= 0 && this.zoom.end >= 100;
  }

  private choose(period: Period | null): void {
    this.period = period;
    this.zoom = wholeRange;
    this.resetZoom.disabled = true;
    if (!period && !this.rangeFrom.value && !this.rangeTo.value) {
      // A week up to today: the inputs start where the longest hourly period ends, rather than empty.
      this.rangeTo.value = cityDate(new Date());
      this.rangeFrom.value = cityDate(new Date(Date.now() - 6 * stepMs.day));
    }
    this.rangeBar.hidden = period != null;
    this.renderSwitcher();
    void this.refresh();
  }

  private renderSwitcher(): void {
    if (this.choices.length < 2) return;
    const button = (period: Period | null, text: string, title?: string) => h('button', {
      type: 'button',
      class: period === this.period ? 'active' : '',
      'aria-pressed': period === this.period ? 'true' : 'false',
      title,
      onclick: () => this.choose(period),
    }, text);
    this.switcher.replaceChildren(...this.choices.map((p) => button(p, t(p.key))), button(null, t('periodCustom'), t('periodCustomTitle')));
  }

  private async refresh(): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const range = this.range();
    this.rangeMessage.textContent = 'problem' in range ? t(range.problem, { days: maxRangeDays }) : '';
    if ('problem' in range) return;
    const { from, to, step } = range;
    let histories: (History | null)[];
    try {
      histories = await Promise.all(this.metrics.map((metric) => this.load({ metric, from, to, step }, signal)));
    } catch (error) {
      if (signal.aborted) return;
      histories = this.metrics.map(() => null);
      console.warn('history could not be read', error);
    }
    this.shown = { series: histories.flatMap((history, i) => (history ? [{ metric: this.metrics[i], history }] : [])), from, to, step };
    this.render();
    this.download.disabled = this.shown.series.length === 0;
  }

  private range(): ReturnType<typeof customRange> {
    if (!this.period) return customRange(this.rangeFrom.value, this.rangeTo.value);
    const to = new Date();
    return { from: new Date(to.getTime() - this.period.hours * 3_600_000), to, step: this.period.step };
  }

  private render(): void {
    const { series, from, to, step } = this.shown;
    const withData = series.filter((s) => s.history.points.some((p) => p.value != null));
    this.message.hidden = withData.length > 0;
    // An empty chart still needs one value axis, or ECharts has no grid to draw the time axis in.
    const units = series.length ? [...new Set(series.map((s) => displayUnit(s.metric, s.history.unit)))] : [''];
    const limits = series.map((s) => limitsFor(s.metric, step, s.history.unit, this.noise));
    // The slider would crowd a phone's short chart; a finger pinches there instead, and a one-finger drag scrolls the
    // page rather than panning a chart that fills the screen's width.
    const onPhone = window.matchMedia(phone).matches;
    this.chart.set({
      useUTC: true,
      grid: {
        left: em(3.7),
        right: em(1.6) + Math.max(0, units.length - 1) * em(3.7),
        top: em(3.4),
        bottom: onPhone ? em(1.9) : em(3.6),
      },
      // One scrolling line: a legend wrapping onto a second line on a phone would run into the axis names.
      legend: { type: 'scroll', top: 0, ...legendStyle(), pageTextStyle: { color: palette.muted }, data: series.map((s) => label(s.metric, i18n.language)) },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { seriesName: string; marker: string; data: { metric: string; time: number; raw: number | null } }[]) =>
          params.length === 0 ? '' : [formatDateTime(new Date(params[0].data.time)), ...params.map((p) =>
            `${p.marker}${p.seriesName}: ${withUnit(p.data.metric, p.data.raw, series)}`)].join('<br>'),
      },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, moveOnMouseMove: !onPhone, ...this.zoom },
        ...(onPhone ? [] : [{
          type: 'slider',
          xAxisIndex: 0,
          ...this.zoom,
          height: em(1.2),
          bottom: em(0.3),
          // The bar above the slider that drags the window is 7 px by default, a hair on a wall: it grows with the page.
          moveHandleSize: em(0.45),
          showDetail: false,
          borderColor: palette.axis,
          backgroundColor: 'transparent',
          fillerColor: 'rgba(56, 189, 248, 0.15)',
          dataBackground: { lineStyle: { color: palette.muted, opacity: 0.5 }, areaStyle: { color: palette.grid } },
          selectedDataBackground: { lineStyle: { color: palette.series[0] }, areaStyle: { color: palette.series[0], opacity: 0.15 } },
          handleStyle: { color: palette.text, borderColor: palette.axis },
          moveHandleStyle: { color: palette.axis, opacity: 1 },
          emphasis: { handleStyle: { color: palette.series[0] }, moveHandleStyle: { color: palette.muted } },
        }]),
      ],
      xAxis: {
        type: 'time',
        min: cityClock(from.getTime()),
        max: cityClock(to.getTime()),
        ...axisStyle({ hideOverlap: true, formatter: (value: number) => formatAxisTime(value) }),
        splitLine: { show: false },
      },
      yAxis: units.map((unit, i) => {
        const onAxis = series.filter((s) => displayUnit(s.metric, s.history.unit) === unit);
        const highest = Math.max(...series.flatMap((s, j) => (onAxis.includes(s) ? limits[j].map((l) => l.value) : [])));
        const reach = onAxis.map((s) => displayMax(s.metric)).find((m) => m != null);
        return {
          type: 'value',
          name: unit || t('aqi'),
          position: i === 0 ? 'left' : 'right',
          offset: i > 1 ? (i - 1) * em(3.7) : 0,
          // Fixed at 0 rather than found from the data: an axis without valid values would be blank, and a blank axis
          // draws no limit lines either.
          min: 0,
          // Room for the highest limit line and its label, so a clean day still shows how far below the limit it is.
          max: reach ?? (Number.isFinite(highest) ? ({ max }: { max: number }) => (max >= highest * 1.1 ? undefined : roundUp(highest * 1.15)) : undefined),
          ...axisStyle(),
          splitLine: { show: i === 0, lineStyle: { color: palette.grid } },
        };
      }),
      series: series.map((s, i) => ({ s, i, data: withGaps(s.history, stepMs[step]) })).map(({ s, i, data }) => ({
        type: 'line',
        name: label(s.metric, i18n.language),
        yAxisIndex: units.indexOf(displayUnit(s.metric, s.history.unit)),
        connectNulls: false,
        lineStyle: { width: s.metric === 'aqi' ? 3 : 1.75 },
        ...loneDots(data, em(0.45)),
        // Drawn as displayed (a rate in percent); the tooltip formats the value as the host sent it, as everywhere else.
        data: data.map(([time, value]) => ({ value: [cityClock(time), value == null ? null : displayValue(s.metric, value)], raw: value, metric: s.metric, time })),
        markLine: limitLines(s.metric, limits[i], palette.series[i % palette.series.length], this.noise, i),
      })),
    }, true);
  }

  dispose(): void {
    window.clearInterval(this.timer);
    this.abort.abort();
    this.chart.dispose();
  }
}

/** Dashed lines in the series' colour, hidden with the series from the legend. Labels alternate ends so that two
 *  limits at one value (NO₂ and O₃ at 200 by hour) do not print over each other. */
function limitLines(metric: string, limits: Limit[], color: string, noise: NoiseZone | null, index: number) {
  if (limits.length === 0) return undefined;
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    lineStyle: { type: 'dashed', color, width: 1, opacity: 0.8 },
    label: { color, fontSize: em(0.75), position: index % 2 === 0 ? 'insideEndTop' : 'insideStartTop' },
    data: limits.map((limit) => ({ yAxis: limit.value, label: { formatter: limitText(metric, limit, noise) } })),
  };
}

function limitText(metric: string, limit: Limit, noise: NoiseZone | null): string {
  const value = formatValue(metric, limit.value) ?? String(limit.value);
  switch (limit.kind) {
    case 'aqi': {
      const above = categoryOf(limit.value + 1);
      return t('limitAqi', { value, category: above ? categoryName(above) : '' });
    }
    case 'noiseDay':
      return t('limitNoiseDay', { zone: noise?.zone ?? '', value });
    case 'noiseNight':
      return t('limitNoiseNight', { zone: noise?.zone ?? '', value });
    case 'gb3095':
      return t('limitGb3095', { metric: label(metric, i18n.language), averaging: t(averagingKey[limit.averaging ?? '24h']), value });
  }
}

const averagingKey: Record<NonNullable<Limit['averaging']>, MessageKey> = { '1h': 'averaging1h', '24h': 'averaging24h' };

/** A value rounded up to one and a half significant digits (86 → 90, 230 → 250, 11.5 → 15), as an axis would end. */
function roundUp(value: number): number {
  const step = 10 ** Math.floor(Math.log10(value)) / 2;
  return Math.ceil(value / step) * step;
}

function withUnit(metric: string, value: number | null, series: { metric: string; history: History }[]): string {
  const text = formatValue(metric, value);
  if (text == null) return t('noData');
  const unit = displayUnit(metric, series.find((s) => s.metric === metric)?.history.unit);
  return unit ? `${text} ${unit}` : text;
}
