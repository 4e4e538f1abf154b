import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { i18n } from '../i18n/i18n';
import type { EChartsCoreOption } from 'echarts/core';

// SVG: crisp on a 4K wall screen at any zoom, and the map's shapes and labels stay inspectable in the page.
echarts.use([
  MapChart,
  LineChart,
  BarChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  AriaComponent,
  SVGRenderer,
]);

export { echarts };
export type { EChartsCoreOption };

export const palette = {
  text: '#C9D6EA',
  muted: '#94A3BB',
  axis: '#2D3B55',
  grid: '#1E2A40',
  series: ['#38BDF8', '#F59E0B', '#A78BFA', '#34D399', '#F472B6', '#FB7185', '#FACC15'],
  tooltipBackground: 'rgba(12, 20, 36, 0.95)',
};

/** A length in pixels from the page's root font size, which follows the screen (see cockpit.css): chart text and
 *  margins grow with it on a wall and stay readable on a phone, as the rest of the page does. */
export function em(n: number): number {
  const root = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;
  return Math.round(n * root);
}

/** What every chart shares: transparent background, the cockpit's text colours and size, a dark tooltip. */
const base = (): EChartsCoreOption => ({
  backgroundColor: 'transparent',
  color: palette.series,
  // The page's own fonts by name: ECharts lays out legends and labels by measuring their text on a canvas, which rejects
  // 'inherit' and keeps whatever font it had before, so a legend was placed for another font than the SVG draws.
  textStyle: { color: palette.text, fontFamily: getComputedStyle(document.documentElement).fontFamily, fontSize: em(0.85) },
  aria: { enabled: true },
  animationDuration: 400,
  animationDurationUpdate: 300,
  tooltip: {
    backgroundColor: palette.tooltipBackground,
    borderColor: palette.axis,
    textStyle: { color: palette.text, fontSize: em(0.9) },
  },
});

/** An ECharts instance bound to an element: created once the element has a size (a view is built before it is
 *  shown, and ECharts cannot lay out a map in a 0×0 box), following the element's size, disposed with the view. */
export class Chart {
  private instance: echarts.ECharts | null = null;
  private readonly pending: { option: EChartsCoreOption; replace: boolean }[] = [];
  private readonly handlers: [string, (params: unknown) => void][] = [];
  private readonly observer: ResizeObserver;

  constructor(readonly element: HTMLElement) {
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(element);
  }

  set(option: EChartsCoreOption, replace = false): void {
    if (!this.instance) {
      if (replace) this.pending.length = 0;
      this.pending.push({ option, replace });
      return;
    }
    this.instance.setOption(replace ? { ...base(), ...option } : option, { notMerge: replace });
  }

  /** Highlights, shows a tooltip and the like (ECharts' dispatchAction), once the chart exists. */
  action(payload: { type: string; [key: string]: unknown }): void {
    this.instance?.dispatchAction(payload);
  }

  /** The option as ECharts holds it now, with what the user changed by hand (a zoom), or null before the chart exists. */
  current(): EChartsCoreOption | null {
    return this.instance?.getOption() ?? null;
  }

  on(event: string, handler: (params: unknown) => void): void {
    this.handlers.push([event, handler]);
    this.instance?.on(event, handler);
  }

  private fit(): void {
    if (this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    if (this.instance) {
      this.instance.resize();
      return;
    }
    // A view is rebuilt when the language changes, so the chart's own words (accessibility text) follow it.
    this.instance = echarts.init(this.element, undefined, { renderer: 'svg', locale: i18n.language === 'zh' ? 'ZH' : 'EN' });
    this.instance.setOption(base());
    this.handlers.forEach(([event, handler]) => this.instance?.on(event, handler));
    this.pending.splice(0).forEach(({ option, replace }) => this.set(option, replace));
  }

  dispose(): void {
    this.observer.disconnect();
    this.instance?.dispose();
  }
}

/** A legend's marks and spacing at the page's scale (ECharts sizes them in fixed pixels). */
export function legendStyle(): EChartsCoreOption {
  return { textStyle: { color: palette.text, fontSize: em(0.85) }, itemWidth: em(1.6), itemHeight: em(0.9), itemGap: em(0.8) };
}

/** An axis at the page's scale. A chart's own label settings go in `label`: an axisLabel of its own would replace this
 *  one whole, size included, and leave 12-pixel labels on a 4K wall. */
export function axisStyle(label: EChartsCoreOption = {}): EChartsCoreOption {
  return {
    axisLine: { lineStyle: { color: palette.axis } },
    axisLabel: { color: palette.muted, fontSize: em(0.8), ...label },
    nameTextStyle: { color: palette.muted, fontSize: em(0.8) },
    splitLine: { lineStyle: { color: palette.grid } },
  };
}
