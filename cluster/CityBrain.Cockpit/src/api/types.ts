// The JSON the host serves, by the names the page uses: each is a schema of the host's OpenAPI document
// (openapi.json, generated into openapi.gen.ts by `npm run api`), so a field the host adds, renames or makes nullable
// shows up here and in every view that reads it. Nothing is written out by hand except where the document cannot say
// more than "string" (noted at each) and the map, which the host serves as untyped GeoJSON.

import type { components, paths } from './openapi.gen';

type Schemas = components['schemas'];

/** The JSON body of a GET's 200 answer. */
type Answer<Path extends keyof paths> = paths[Path] extends { get: { responses: { 200: { content: { 'application/json': infer Body } } } } } ? Body : never;

/** A schema with some of its string fields narrowed to the values the host actually writes. */
type Narrowed<Schema, Fields extends Partial<Record<keyof Schema, unknown>>> = Omit<Schema, keyof Fields> & Fields;

/** The host answers these two with anonymous C# objects, whose properties carry no nullable annotations, so the
 *  document calls every string nullable; the host fills them from its own catalogs, where none is null. */
type FromCatalog<Schema> = { [Field in keyof Schema]: NonNullable<Schema[Field]> };

export type QuantityVocabulary = FromCatalog<Answer<'/api/quantities'>[number]>;

/** One band of the AQI scale, from GET /api/aqi/categories. */
export type AqiCategory = FromCatalog<Answer<'/api/aqi/categories'>[number]>;

export type QuantityValue = Schemas['QuantityValue'];

export type Aqi = Schemas['AqiResponse'];

export type NoiseIndicator = Schemas['NoiseResponse'];

/** Share of expected hourly values that were valid (0…1). */
export type Validity = Schemas['ValidityResponse'];

/** The sensing network's own health. */
export type NetworkHealth = Schemas['NetworkResponse'];

/** What a district and the whole city have in common once indicators are computed. */
export type Indicators = Pick<Schemas['ChildRegionResponse'], 'aqi' | 'dailyAqi' | 'noise' | 'validity' | 'network'>;

export type DeviceStatus = Schemas['DeviceStatusResponse'];

export type District = Schemas['ChildRegionResponse'];

export type City = Schemas['RegionResponse'];

/** The host writes its reading-quality enum's names in lower case; the document only knows a string. */
export type ReadingQuality = 'ok' | 'suspect' | 'invalid';

export type DeviceValue = Narrowed<Schemas['DeviceValue'], { quality: ReadingQuality }>;

export type SensorHealth = Schemas['SensorHealthValue'];

export type DeviceHealth = Schemas['DeviceHealth'];

export type Device = Narrowed<Schemas['DeviceResponse'], { latest: Record<string, DeviceValue> }>;

export type IngestCounters = Schemas['IngestCounters'];

export type DeadLetter = Schemas['DeadLetter'];

/** The steps the history API accepts (it answers 400 to any other); the document only knows a string. */
export type HistoryStep = 'hour' | 'day';

/** One metric over time: hours (or days) without a valid value are null, and show as gaps. */
export type History = Narrowed<Schemas['HistoryResponse'], { step: HistoryStep }>;

export type Alert = Schemas['AlertResponse'];

// GET /api/city/map is an anonymous GeoJSON object on the host, which its document describes as any JSON at all.
export interface MapFeature {
  type: 'Feature';
  properties: { id: string; name: string; nameZh: string; noiseZone: string; position: [number, number] };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'Point'; coordinates: number[] };
}

export interface CityMap {
  type: 'FeatureCollection';
  features: MapFeature[];
}
