import { t } from '../i18n/i18n';
import type { RegionIndex } from '../live/regionStore';
import { paths } from '../views/view';
import { h } from './dom';

export interface WallSettings {
  cycleSeconds: number;
}

const defaultCycleSeconds = 30;

/** `?wall=1&cycle=30`: a wall screen, which nobody touches; null for a page people use. A cycle outside 5 s to an
 *  hour is taken as the default rather than refused, since nobody at a wall could read a complaint. */
export function wallSettings(search: string): WallSettings | null {
  const query = new URLSearchParams(search);
  if (!['1', 'true', 'yes'].includes(query.get('wall') ?? '')) return null;
  const cycle = Number(query.get('cycle'));
  return { cycleSeconds: Number.isFinite(cycle) && cycle >= 5 && cycle <= 3600 ? cycle : defaultCycleSeconds };
}

/** Shows, in turn, the place the wall was opened on and each of its children, each for the cycle's time, for ever;
 *  the status line counts down to the next. The history is replaced rather than grown, a wall runs for weeks. */
export class WallCycle {
  private readonly sequence: string[];
  private position = 0;
  private remaining: number;
  readonly element: HTMLElement;

  constructor(private readonly settings: WallSettings, index: RegionIndex, current: string, private readonly go: (path: string) => void) {
    const start = /^\/regions\/([^/]+)$/.exec(current)?.[1];
    const base = (start && index.find(decodeURIComponent(start))) || index.root;
    this.sequence = [base.id, ...base.children.map((c) => c.id)];
    this.remaining = settings.cycleSeconds;
    this.element = h('span', { class: 'wall-cycle', 'aria-live': 'off' });
    window.setInterval(() => this.tick(), 1000);
    this.show();
  }

  private tick(): void {
    this.remaining -= 1;
    if (this.remaining <= 0 && this.sequence.length > 1) {
      this.position = (this.position + 1) % this.sequence.length;
      this.remaining = this.settings.cycleSeconds;
      this.go(paths.region(this.sequence[this.position]));
    }
    this.show();
  }

  private show(): void {
    this.element.textContent = this.sequence.length > 1 ? t('wallCycle', { s: Math.max(this.remaining, 0) }) : '';
  }
}
