import { api } from '../api/client';
import type { Region, YearFigures } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { type Change, pointsChange, relativeChange } from '../model/figures';
import { formatPercent, formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { h, noData } from '../ui/dom';
import { refresher } from '../views/refresher';
import { valueTile } from './valueTile';

/** Figures change when a day closes: read again at most this often while the place's updates keep coming. */
const rereadAfterMs = 5 * 60_000;

/** The year at a glance, from GET /api/regions/{id}/figures (the cluster counts them from the stored daily values):
 *  good days and heavy-pollution days this year, PM2.5 against the year's target, changes on the year and the month
 *  before; and from the place itself, the pollutants above their limits now and the faulty devices. */
export class KeyFigures {
  readonly element = h('div', { class: 'tiles key-figures' }, h('div', { class: 'muted' }, t('loading')));
  private readonly refresh: ReturnType<typeof refresher>;
  private figures: YearFigures | null | undefined;
  private region: Region | null = null;
  private readAt = 0;

  constructor(regionId: string) {
    this.refresh = refresher(async (signal) => {
      try {
        this.figures = await api.figures(regionId, signal);
        this.readAt = Date.now();
      } catch (error) {
        if (signal.aborted) return;
        console.warn('figures could not be read', error);
        this.figures = null;
      }
      this.render();
    });
    this.refresh();
  }

  update(region: Region): void {
    this.region = region;
    if (Date.now() - this.readAt > rereadAfterMs) this.refresh();
    else this.render();
  }

  private render(): void {
    const f = this.figures;
    if (f === undefined) return;
    const year = f?.yearToDate;
    const month = f?.monthToDate;
    const pm25Unit = displayUnit('pm2_5');
    this.element.replaceChildren(
      valueTile({
        key: 'good-days',
        label: t('figureGoodDays', { year: year ? year.from.slice(0, 4) : '' }),
        value: formatPercent(year?.goodDayShare),
        detail: year ? details(t('figureDaysOf', { n: year.goodDays, of: year.validDays }),
          { change: pointsChange(f?.goodDayShareYearOnYear, 'up'), against: t('yearOnYear') }) : null,
      }),
      valueTile({
        key: 'heavy-days',
        label: t('figureHeavyDays'),
        value: year ? String(year.heavyPollutionDays) : null,
        accent: year && year.heavyPollutionDays > 0 ? '#FF4D4F' : null,
        detail: year ? t('figureDaysCounted', { n: year.validDays, days: year.days }) : null,
      }),
      valueTile({
        key: 'pm25-year',
        label: t('figurePm25Year'),
        value: formatValue('pm2_5', year?.pm25Mean),
        unit: pm25Unit,
        accent: f?.pm25AgainstTarget != null && f.pm25AgainstTarget > 0 ? '#FF4D4F' : null,
        detail: f ? details(t('figureTarget', { target: formatValue('pm2_5', f.pm25Target) ?? '' }),
          { change: relativeChange(f.pm25AgainstTarget, 'down'), against: t('againstTarget') },
          { change: relativeChange(f.pm25YearOnYear, 'down'), against: t('yearOnYear') }) : null,
      }),
      valueTile({
        key: 'good-days-month',
        label: t('figureGoodDaysMonth'),
        value: formatPercent(month?.goodDayShare),
        detail: month ? details(t('figureDaysOf', { n: month.goodDays, of: month.validDays }),
          { change: pointsChange(f?.goodDayShareMonthOnMonth, 'up'), against: t('monthOnMonth') },
          { change: relativeChange(f?.pm25MonthOnMonth, 'down'), against: `PM2.5 ${t('monthOnMonth')}` }) : null,
      }),
      valueTile({
        key: 'exceeding',
        label: t('figureExceeding'),
        value: this.exceeding(),
        accent: this.region?.aqi?.exceedingPollutants?.length ? '#FF4D4F' : null,
      }),
    );
  }

  private exceeding(): string | null {
    const aqi = this.region?.aqi;
    if (!aqi) return null;
    const list = aqi.exceedingPollutants ?? [];
    return list.length ? list.map((p) => label(p, i18n.language)).join(i18n.language === 'zh' ? '、' : ', ') : t('figureNoneExceeding');
  }

  dispose(): void {
    this.refresh.stop();
  }
}

interface Compared {
  /** Points of a share or a relative change of a mean. */
  change: Change | null;
  against: string;
}

/** The tile's small print: what was counted, then a line per change with what it is against ("no data" when unknown). */
function details(counted: string, ...compared: Compared[]): HTMLElement {
  return h('span', {}, counted, ...compared.map(({ change, against }) =>
    h('span', { class: `change ${change?.tone ?? 'unknown'}` }, `${against} `, change ? change.text : noData())));
}
