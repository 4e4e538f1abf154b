import type { CityMap } from '../api/types';
import type { CityStore } from '../live/cityStore';

/** What every view gets: the live city, the district shapes, and a way to move to another view. */
export interface ViewContext {
  store: CityStore;
  map: CityMap;
  navigate(path: string): void;
}

export interface View {
  readonly element: HTMLElement;
  dispose(): void;
}

export const paths = {
  city: () => '/',
  district: (id: string) => `/districts/${encodeURIComponent(id)}`,
  device: (id: string) => `/devices/${encodeURIComponent(id)}`,
  ops: () => '/ops',
  account: () => '/account',
};
