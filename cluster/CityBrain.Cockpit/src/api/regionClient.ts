import { api, type HistoryQuery, NotFound } from './client';
import type { RegionAlert, RegionMap, RegionRanking, RegionRef, RegionTree, Region } from './regionTypes';
import type { Device, History } from './types';
import { goToSignIn, SignedOut } from './session';

/** A device as GET /api/devices/{id} answers now: with its place in the tree. */
export type PlacedDevice = Device & { path?: RegionRef[] | null };

async function read<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (response.status === 401) {
    goToSignIn();
    throw new SignedOut(`${path}: the session has ended`);
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function required<T>(path: string, signal?: AbortSignal): Promise<T> {
  const value = await read<T>(path, signal);
  if (value == null) throw new NotFound(`${path}: not found`);
  return value;
}

const id = encodeURIComponent;

function historyPath(base: string, q: HistoryQuery): string {
  const query = new URLSearchParams({ metric: q.metric, from: q.from.toISOString(), to: q.to.toISOString(), step: q.step });
  return `${base}/history?${query}`;
}

/** The region endpoints; a place that does not exist is null. */
export const regionApi = {
  tree: () => required<RegionTree>('/api/regions'),
  region: (regionId: string, signal?: AbortSignal) => read<Region>(`/api/regions/${id(regionId)}`, signal),
  map: (regionId: string, signal?: AbortSignal) => read<RegionMap>(`/api/regions/${id(regionId)}/map`, signal),
  history: (regionId: string, q: HistoryQuery, signal?: AbortSignal) => read<History>(historyPath(`/api/regions/${id(regionId)}`, q), signal),
  ranking: (regionId: string, metric: string, signal?: AbortSignal) =>
    read<RegionRanking>(`/api/rankings?${new URLSearchParams({ region: regionId, metric })}`, signal),
  alerts: (regionId: string, signal?: AbortSignal) => read<RegionAlert[]>(`/api/alerts?${new URLSearchParams({ region: regionId, active: 'true' })}`, signal),
  device: (deviceId: string, signal?: AbortSignal) => api.device(deviceId, signal) as Promise<PlacedDevice | null>,
  deviceHistory: api.deviceHistory,
};
