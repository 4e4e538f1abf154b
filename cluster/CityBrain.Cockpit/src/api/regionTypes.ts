// The region API's JSON (cluster/CityBrain.Host/Api/RegionModels.cs, camelCase), written by hand until the types
// generated from the host's OpenAPI document cover it.

import type { Aqi, QuantityValue } from './types';

/** GET /api/regions: the whole tree, names and places only. */
export interface RegionTree {
  timeZone: string;
  root: RegionNode;
}

export interface RegionNode {
  id: string;
  name: string;
  nameZh: string;
  level: string;
  code?: string | null;
  noiseZone?: string | null;
  position: number[];
  children: RegionNode[];
}

/** A place named in a path or a list. */
export interface RegionRef {
  id: string;
  name: string;
  nameZh: string;
  level: string;
}

export type RegionAqi = Aqi;

export interface RegionNoise {
  ld?: number | null;
  ln?: number | null;
  limitDay?: number | null;
  limitNight?: number | null;
  zone?: string | null;
  level?: number | null;
  limit?: number | null;
  hour: string;
  unit: string;
}

export interface RegionValidity {
  rate?: number | null;
  validHours: number;
  expectedHours: number;
}

export interface RegionNetwork {
  registered: number;
  online: number;
  offline: number;
  onlineRate?: number | null;
  staleDevices: number;
  faultyDevices: number;
}

/** What a place has at any level: its indicators over every device below it. */
export interface RegionIndicators {
  id: string;
  name: string;
  nameZh: string;
  level: string;
  leaf: boolean;
  noiseZone?: string | null;
  devicesRegistered: number;
  devicesOnline: number;
  latest: Record<string, QuantityValue>;
  updatedAt: string;
  aqi?: RegionAqi | null;
  dailyAqi?: RegionAqi | null;
  noise?: RegionNoise | null;
  validity: RegionValidity;
  network: RegionNetwork;
  activeAlerts: number;
}

export interface RegionDeviceStatus {
  id: string;
  online: boolean;
  lastSeen: string | null;
}

/** GET /api/regions/{id} and each `region` event of GET /api/stream?region={id}. */
export interface Region extends RegionIndicators {
  code?: string | null;
  timeZone: string;
  /** From the root down to this place, this place included. */
  path: RegionRef[];
  children: RegionIndicators[];
  devices?: RegionDeviceStatus[] | null;
  networkDevices?: { offline: string[]; stale: string[]; faulty: string[] } | null;
}

/** GET /api/regions/{id}/map: the children's outlines (a leaf's own), simplified for the page. */
export interface RegionMap {
  type: 'FeatureCollection';
  bbox?: number[];
  features: {
    type: 'Feature';
    properties: { id: string; name: string; nameZh: string; level: string; leaf: boolean };
    geometry: unknown;
  }[];
}

export interface RankChange {
  value?: number | null;
  rank?: number | null;
  change?: number | null;
  /** Positive when the place moved up (towards cleaner). */
  placesGained?: number | null;
}

export interface RankedRegion {
  id: string;
  name: string;
  nameZh: string;
  level: string;
  rank?: number | null;
  value?: number | null;
  previousHour?: RankChange | null;
  previousDay?: RankChange | null;
}

/** GET /api/rankings?region={id}&metric=…: the region's children, ranked by the host. */
export interface RegionRanking {
  metric: string;
  unit?: string | null;
  children: RankedRegion[];
}

export interface RegionAlert {
  id: string;
  kind: string;
  /** The leaf the alert belongs to. */
  district: string;
  device?: string | null;
  metric: string;
  value: number;
  peak: number;
  limit: number;
  unit?: string | null;
  severity: string;
  since: string;
  end?: string | null;
  active: boolean;
  message: string;
}
