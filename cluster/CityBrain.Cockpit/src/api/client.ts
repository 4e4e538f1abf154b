import { SignedOut, goToSignIn } from './session';
import type {
  Alert,
  AqiCategory,
  Case,
  CaseDetail,
  DeadLetter,
  Device,
  History,
  HistoryStep,
  IngestCounters,
  QuantityVocabulary,
  RegionMap,
  RegionRanking,
  RegionTree,
  Supervision,
  YearFigures,
} from './types';

/** An API answer that is not there (yet): the endpoint is missing (404) or the resource does not exist. */
export class NotFound extends Error {}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (response.status === 401) {
    goToSignIn();
    throw new SignedOut(`${path}: the session has ended`);
  }
  if (response.status === 404) throw new NotFound(`${path}: not found`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The same call, with "not there" as null: a place or device that does not exist, or an endpoint a host does not serve. */
async function getOptional<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  try {
    return await getJson<T>(path, signal);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

export interface HistoryQuery {
  metric: string;
  from: Date;
  to: Date;
  step: HistoryStep;
}

function historyPath(base: string, q: HistoryQuery): string {
  const query = new URLSearchParams({ metric: q.metric, from: q.from.toISOString(), to: q.to.toISOString(), step: q.step });
  return `${base}/history?${query}`;
}

const id = encodeURIComponent;

export const api = {
  quantities: () => getJson<QuantityVocabulary[]>('/api/quantities'),
  aqiCategories: () => getJson<AqiCategory[]>('/api/aqi/categories'),
  tree: () => getJson<RegionTree>('/api/regions'),
  map: (regionId: string, signal?: AbortSignal) => getOptional<RegionMap>(`/api/regions/${id(regionId)}/map`, signal),
  history: (regionId: string, q: HistoryQuery, signal?: AbortSignal) => getOptional<History>(historyPath(`/api/regions/${id(regionId)}`, q), signal),
  figures: (regionId: string, signal?: AbortSignal) => getOptional<YearFigures>(`/api/regions/${id(regionId)}/figures`, signal),
  ranking: (regionId: string, metric: string, signal?: AbortSignal) =>
    getOptional<RegionRanking>(`/api/rankings?${new URLSearchParams({ region: regionId, metric })}`, signal),
  alerts: (regionId: string, signal?: AbortSignal) => getOptional<Alert[]>(`/api/alerts?${new URLSearchParams({ region: regionId, active: 'true' })}`, signal),
  supervision: (regionId: string, days: number, signal?: AbortSignal) =>
    getOptional<Supervision>(`/api/supervision?${new URLSearchParams({ region: regionId, days: String(days) })}`, signal),
  openCases: (regionId: string, limit: number, signal?: AbortSignal) =>
    getOptional<Case[]>(`/api/cases?${new URLSearchParams({ region: regionId, limit: String(limit) })}`, signal),
  caseDetail: (caseId: string, signal?: AbortSignal) => getOptional<CaseDetail>(`/api/cases/${id(caseId)}`, signal),
  device: (deviceId: string, signal?: AbortSignal) => getOptional<Device>(`/api/devices/${id(deviceId)}`, signal),
  deviceHistory: (deviceId: string, q: HistoryQuery, signal?: AbortSignal) => getOptional<History>(historyPath(`/api/devices/${id(deviceId)}`, q), signal),
  ingest: (signal?: AbortSignal) => getJson<IngestCounters>('/api/ops/ingest', signal),
  rejections: (count: number, signal?: AbortSignal) => getJson<DeadLetter[]>(`/api/ops/rejections?count=${count}`, signal),
};
