import type { RegionStore } from '../live/regionStore';

/** What every view gets: the region tree and the live region, a way to move to another view, and a way to say which
 *  region's live updates it needs. */
export interface ViewContext {
  store: RegionStore;
  navigate(path: string): void;
  follow(regionId: string): void;
}

export interface View {
  readonly element: HTMLElement;
  dispose(): void;
}

export const paths = {
  overview: () => '/',
  region: (id: string) => `/regions/${encodeURIComponent(id)}`,
  device: (id: string) => `/devices/${encodeURIComponent(id)}`,
  case: (id: number | string) => `/cases/${encodeURIComponent(String(id))}`,
  ops: () => '/ops',
  account: () => '/account',
};
