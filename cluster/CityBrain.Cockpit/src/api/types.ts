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

export type DeviceStatus = Schemas['DeviceStatusResponse'];

/** GET /api/regions: the whole tree, names and places only. */
export type RegionTree = Schemas['RegionTreeResponse'];

export type RegionNode = Schemas['RegionNodeResponse'];

/** A place named in a path or a list. */
export type RegionRef = Schemas['RegionRefResponse'];

/** What a place has at any level: its indicators over every device below it (a child as its parent lists it). */
export type RegionIndicators = Schemas['ChildRegionResponse'];

/** GET /api/regions/{id} and each `region` event of GET /api/stream?region={id}. */
export type Region = Schemas['RegionResponse'];

/** GET /api/rankings?region={id}&metric=…: the region's children, ranked by the host. */
export type RegionRanking = Schemas['RankingResponse'];

export type RankedRegion = Schemas['RankedRegionResponse'];

/** Positive `placesGained` when the place moved up (towards cleaner). */
export type RankChange = Schemas['RankChangeResponse'];

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
/** GET /api/regions/{id}/figures: the year at a glance, over whole days up to yesterday. */
export type YearFigures = Schemas['YearFigures'];

// GET /api/regions/{id}/map is GeoJSON built by the host's geometry library, which its document describes as any JSON.
/** The children's outlines (a leaf's own), simplified for the page. */
export interface RegionMap {
  type: 'FeatureCollection';
  bbox?: number[];
  features: {
    type: 'Feature';
    properties: { id: string; name: string; nameZh: string; level: string; leaf: boolean };
    geometry: unknown;
  }[];
}

/** A supervised item (督办事项): GET /api/cases. */
export type Case = Schemas['CaseResponse'];

export type CaseStep = Schemas['CaseStepResponse'];

export type CaseDetail = Schemas['CaseDetailResponse'];

/** A place's supervision figures with its children's and departments': GET /api/supervision. */
export type Supervision = Schemas['SupervisionResponse'];

export type SupervisionFigures = Schemas['FiguresResponse'];
