// The JSON the host serves (cluster/CityBrain.Host/Api/ApiModels.cs, camelCase). Fields marked "when present" come
// from the indicators and are absent until the host computes them; the page shows "no data" for them meanwhile.

export interface QuantityVocabulary {
  wireName: string;
  unit: string;
  displayUnit: string;
  min: number;
  max: number;
}

/** One band of the AQI scale, from GET /api/aqi/categories. */
export interface AqiCategory {
  level: number;
  levelName: string;
  lowerIndex: number;
  upperIndex: number;
  code: string;
  nameZh: string;
  nameEn: string;
  colour: string;
}

export interface QuantityValue {
  value: number;
  unit: string;
  updatedAt: string;
  devices?: number | null;
}

export interface Aqi {
  value: number;
  category?: string | null;
  color?: string | null;
  primaryPollutants?: string[] | null;
  iaqi?: Record<string, number> | null;
  standard?: string | null;
  hour?: string | null;
}

export interface NoiseIndicator {
  ld?: number | null;
  ln?: number | null;
  limitDay?: number | null;
  limitNight?: number | null;
  zone?: string | null;
}

/** Share of expected hourly values that were valid (0…1). */
export interface Validity {
  rate?: number | null;
  validHours?: number | null;
  expectedHours?: number | null;
}

/** The sensing network's own health. */
export interface NetworkHealth {
  onlineRate?: number | null;
  staleDevices?: number | null;
}

/** What a district and the whole city have in common once indicators are computed. */
export interface Indicators {
  aqi?: Aqi | null;
  noise?: NoiseIndicator | null;
  validity?: Validity | null;
  network?: NetworkHealth | null;
}

export interface DeviceStatus {
  id: string;
  online: boolean;
  lastSeen: string | null;
}

export interface District extends Indicators {
  id: string;
  name: string;
  nameZh: string;
  noiseZone: string;
  devicesRegistered: number;
  devicesOnline: number;
  latest: Record<string, QuantityValue>;
  updatedAt: string;
  devices?: DeviceStatus[];
}

export interface City extends Indicators {
  id: string;
  name: string;
  nameZh: string;
  timeZone: string;
  districts: District[];
  updatedAt: string;
  /** City-wide values per quantity, when present. */
  latest?: Record<string, QuantityValue> | null;
}

export interface DeviceValue {
  value: number | null;
  unit: string;
  quality: 'ok' | 'suspect' | 'invalid';
  sensor: string;
  updatedAt: string;
  reason: string | null;
}

export interface SensorHealth {
  sensor: string;
  model: string;
  samples: number;
  errors: number;
  lastError: string | null;
  calibrationOffset: number | null;
  calibrationFactor: number | null;
  calibrationDate: string | null;
}

export interface DeviceHealth {
  reportedAt: string;
  uptimeSeconds: number;
  outboxDepth: number;
  oldestUnsentAgeSeconds: number | null;
  thinnedReports: number;
  droppedReports: number;
  lastPublish: string | null;
  sensors: SensorHealth[];
  cpuTemperature: number | null;
  freeDiskBytes: number | null;
  clockSkewSeconds: number | null;
  softwareVersion: string | null;
}

export interface Device {
  id: string;
  district: string;
  registeredAt: string;
  lastSeen: string | null;
  online: boolean;
  lastSequence: number;
  accepted: number;
  duplicates: number;
  latest: Record<string, DeviceValue>;
  health: DeviceHealth | null;
}

export interface IngestCounters {
  received: number;
  accepted: number;
  readingsAccepted: number;
  duplicates: number;
  rejected: number;
  failed: number;
  refusedByAcl: number;
  authenticationFailures: number;
  connections: number;
  rejectedByKind: Record<string, number>;
}

export interface DeadLetter {
  receivedAt: string;
  clientId: string;
  topic: string;
  kind: string;
  reason: string;
}

export type HistoryStep = 'hour' | 'day';

/** One metric over time: hours (or days) without a valid value are null or missing, and show as gaps. */
export interface History {
  metric: string;
  unit?: string | null;
  step: HistoryStep;
  points: { time: string; value: number | null }[];
}

export interface Alert {
  id: string;
  district?: string | null;
  device?: string | null;
  metric: string;
  value?: number | null;
  limit?: number | null;
  unit?: string | null;
  severity?: string | null;
  since: string;
  message?: string | null;
}

export interface MapFeature {
  type: 'Feature';
  properties: { id: string; name: string; nameZh: string; noiseZone: string; position: [number, number] };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'Point'; coordinates: number[] };
}

export interface CityMap {
  type: 'FeatureCollection';
  features: MapFeature[];
}
