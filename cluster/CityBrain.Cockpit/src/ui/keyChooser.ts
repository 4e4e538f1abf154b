import type { Chart } from './charts';

/** Arrow keys move a choice through a chart's items (places on a map, devices on a district's map) and Enter opens the
 *  chosen one, highlighted with its tooltip as a pointer would show it: a map is usable without a mouse. */
export class KeyChooser {
  private chosen = -1;

  constructor(private readonly chart: Chart, private readonly canvas: HTMLElement, private readonly onOpen: (id: string) => void) {}

  key(event: KeyboardEvent, ids: readonly string[]): void {
    if (ids.length === 0) return;
    // The items may have changed since the last key: a choice past the end starts again.
    if (this.chosen >= ids.length) this.chosen = -1;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Enter' && this.chosen >= 0) {
      event.preventDefault();
      this.onOpen(ids[this.chosen]);
      return;
    }
    if (step == null) return;
    event.preventDefault();
    if (this.chosen >= 0) this.chart.action({ type: 'downplay', seriesIndex: 0, name: ids[this.chosen] });
    this.chosen = (Math.max(this.chosen, step > 0 ? -1 : 0) + step + ids.length) % ids.length;
    const id = ids[this.chosen];
    this.canvas.dataset.chosen = id;
    this.chart.action({ type: 'highlight', seriesIndex: 0, name: id });
    this.chart.action({ type: 'showTip', seriesIndex: 0, name: id });
  }
}
