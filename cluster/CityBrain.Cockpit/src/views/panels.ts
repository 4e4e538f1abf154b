import type { Region } from '../api/types';

/** The body of a region's view, fed each time the live region changes. */
export interface RegionPanels {
  readonly element: HTMLElement;
  update(region: Region): void;
  dispose(): void;
}
