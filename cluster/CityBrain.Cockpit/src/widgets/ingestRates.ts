import type { IngestCounters } from '../api/types';
import { type MessageKey, t } from '../i18n/i18n';
import { formatTime } from '../model/format';
import { axisStyle, Chart, palette } from '../ui/charts';
import { h } from '../ui/dom';
import { valueTile } from './valueTile';

const windowMs = 5 * 60_000;

type RateName = 'received' | 'accepted' | 'readingsAccepted' | 'rejected';
const rates: { counter: RateName; label: MessageKey }[] = [
  { counter: 'received', label: 'messagesPerSecond' },
  { counter: 'accepted', label: 'acceptedPerSecond' },
  { counter: 'readingsAccepted', label: 'readingsPerSecond' },
  { counter: 'rejected', label: 'rejectedPerSecond' },
];

interface Sample {
  at: number;
  perSecond: Record<RateName, number>;
}

/** Ingest rates, derived from successive readings of the host's cumulative counters. */
export class IngestRates {
  readonly element: HTMLElement;
  private readonly tiles: HTMLElement;
  private readonly chart: Chart;
  private readonly samples: Sample[] = [];
  private previous: { at: number; counters: IngestCounters } | null = null;

  constructor() {
    this.tiles = h('div', { class: 'tiles' });
    const canvas = h('div', { class: 'chart rate-chart' });
    this.element = h('div', { class: 'ingest-rates' }, this.tiles, canvas, h('p', { class: 'muted small' }, t('sincePageOpened')));
    this.chart = new Chart(canvas);
  }

  add(counters: IngestCounters, at: number): void {
    const previous = this.previous;
    this.previous = { at, counters };
    // A host restart resets the counters; that interval has no rate.
    if (previous && at > previous.at && counters.received >= previous.counters.received) {
      const seconds = (at - previous.at) / 1000;
      const perSecond = Object.fromEntries(rates.map(({ counter }) => [counter, (counters[counter] - previous.counters[counter]) / seconds])) as Record<RateName, number>;
      this.samples.push({ at, perSecond });
      while (this.samples[0].at < at - windowMs) this.samples.shift();
    }
    this.render();
  }

  private render(): void {
    const last = this.samples.at(-1);
    const end = this.previous?.at ?? Date.now();
    this.tiles.replaceChildren(...rates.map(({ counter, label }) => valueTile({
      key: `rate-${counter}`,
      label: t(label),
      value: last ? last.perSecond[counter].toLocaleString(undefined, { maximumFractionDigits: 1 }) : null,
      accent: counter === 'rejected' && last && last.perSecond.rejected > 0 ? '#FF4D4F' : null,
    })));
    this.chart.set({
      grid: { left: 48, right: 16, top: 32, bottom: 24 },
      legend: { top: 0, itemGap: 24, textStyle: { color: palette.text } },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => v.toFixed(1) },
      // A fixed five-minute window, so the first samples do not stretch over an axis of days.
      xAxis: { type: 'time', min: end - windowMs, max: end, ...axisStyle(), splitLine: { show: false }, axisLabel: { color: palette.muted, hideOverlap: true, formatter: (v: number) => formatTime(new Date(v)) } },
      yAxis: { type: 'value', name: '/s', min: 0, ...axisStyle() },
      series: rates.map(({ counter, label }) => ({
        type: 'line',
        name: t(label),
        showSymbol: false,
        data: this.samples.map((s) => [s.at, s.perSecond[counter]]),
      })),
    });
  }

  dispose(): void {
    this.chart.dispose();
  }
}
