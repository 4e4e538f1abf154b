import type { QuantityVocabulary } from '../api/types';
import type { Language } from '../i18n/i18n';

/** How each quantity is named and rounded on screen. Units come from the host's vocabulary (the wire contract), so
 *  there is one list of quantities and units in the whole system. */
interface Presentation {
  en: string;
  zh: string;
  decimals: number;
  /** Shown in another unit than the host sends, scaled, with the axis fixed to what the unit can reach. */
  display?: { unit: string; scale: number; max: number };
}

/** A share the host sends as 0–1, which a person reads in percent. */
const percent = { unit: '%', scale: 100, max: 100 };

// In the order a device's readings are listed.
const presentation: Record<string, Presentation> = {
  aqi: { en: 'AQI', zh: 'AQI', decimals: 0 },
  pm2_5: { en: 'PM2.5', zh: 'PM2.5', decimals: 0 },
  pm10: { en: 'PM10', zh: 'PM10', decimals: 0 },
  pm1: { en: 'PM1', zh: 'PM1', decimals: 0 },
  pm4: { en: 'PM4', zh: 'PM4', decimals: 0 },
  o3: { en: 'O₃', zh: '臭氧 O₃', decimals: 0 },
  no2: { en: 'NO₂', zh: '二氧化氮 NO₂', decimals: 0 },
  so2: { en: 'SO₂', zh: '二氧化硫 SO₂', decimals: 0 },
  co: { en: 'CO', zh: '一氧化碳 CO', decimals: 1 },
  co2: { en: 'CO₂', zh: '二氧化碳 CO₂', decimals: 0 },
  // Sensirion's indices: 100 (VOC) and 1 (NOx) are the sensor's usual air, higher is worse; not concentrations.
  voc_index: { en: 'VOC index', zh: 'VOC指数', decimals: 0 },
  nox_index: { en: 'NOx index', zh: 'NOx指数', decimals: 0 },
  noise: { en: 'Noise LAeq', zh: '噪声 LAeq', decimals: 1 },
  temperature: { en: 'Temperature', zh: '温度', decimals: 1 },
  humidity: { en: 'Humidity', zh: '相对湿度', decimals: 0 },
  pressure: { en: 'Pressure', zh: '气压', decimals: 0 },
  illuminance: { en: 'Illuminance', zh: '照度', decimals: 0 },
  // Particle number concentrations count every particle from 0.3 µm up to the size named, per cm³.
  nc0_5: { en: 'PN0.5 (particles ≤0.5 µm)', zh: '颗粒物数浓度 ≤0.5 µm', decimals: 0 },
  nc1: { en: 'PN1 (particles ≤1 µm)', zh: '颗粒物数浓度 ≤1 µm', decimals: 0 },
  nc2_5: { en: 'PN2.5 (particles ≤2.5 µm)', zh: '颗粒物数浓度 ≤2.5 µm', decimals: 0 },
  nc4: { en: 'PN4 (particles ≤4 µm)', zh: '颗粒物数浓度 ≤4 µm', decimals: 0 },
  nc10: { en: 'PN10 (particles ≤10 µm)', zh: '颗粒物数浓度 ≤10 µm', decimals: 0 },
  // An SGP41's raw signals, for the technician: the VOC signal falls as VOCs rise, the NOx signal rises with NOx.
  voc_raw: { en: 'VOC raw signal', zh: 'VOC原始信号', decimals: 0 },
  nox_raw: { en: 'NOx raw signal', zh: 'NOx原始信号', decimals: 0 },
  // The network's health by hour, from a district's history.
  online_rate: { en: 'Online rate', zh: '设备在线率', decimals: 1, display: percent },
  validity_rate: { en: 'Validity rate', zh: '数据有效率', decimals: 1, display: percent },
};

const listOrder = Object.keys(presentation);

/** Sort key that lists quantities in the order above, unknown ones last. */
export function listPosition(metric: string): number {
  const i = listOrder.indexOf(baseName(metric));
  return i < 0 ? listOrder.length : i;
}

/** Pollutants that enter the AQI, in the order of HJ 633's table. */
export const aqiPollutants = ['so2', 'no2', 'pm10', 'co', 'o3', 'pm2_5'] as const;
export const airQuantities = ['pm2_5', 'pm10', 'o3', 'no2', 'so2', 'co', 'co2', 'pm1', 'pm4', 'voc_index', 'nox_index'] as const;
/** Air quantities only the newer (Sensirion) stations report: a district without such a station gets no tile for them
 *  rather than three empty ones. Number concentrations and raw signals are for a device's own readings only. */
export const newerStationQuantities: ReadonlySet<string> = new Set(['pm4', 'voc_index', 'nox_index']);
export const climateQuantities = ['temperature', 'humidity', 'pressure', 'illuminance'] as const;
/** The metrics a trend or a ranking can show. */
export const trendMetrics = ['aqi', 'pm2_5', 'pm10', 'o3', 'no2', 'noise'] as const;
/** A district's network health over time: the share of its devices online and of its expected values valid. */
export const networkTrendMetrics = ['online_rate', 'validity_rate'] as const;

/** What GET /api/rankings ranks by: the AQI and the pollutants. Noise is judged against each district's own zone
 *  limit, so one level ranked across zones would mislead. */
export const rankingMetrics = ['aqi', 'pm2_5', 'pm10', 'o3', 'no2', 'so2', 'co'] as const;

let units = new Map<string, QuantityVocabulary>();

export function useVocabulary(vocabulary: QuantityVocabulary[]): void {
  units = new Map(vocabulary.map((q) => [q.wireName, q]));
}

/** Names reported by indicators for pollutants may carry a suffix for their averaging time ("o3_8h"). */
function baseName(metric: string): string {
  return presentation[metric] ? metric : metric.replace(/_(1h|8h|24h)$/, '');
}

export function label(metric: string, language: Language): string {
  return presentation[baseName(metric)]?.[language] ?? metric;
}

export function shortLabel(metric: string): string {
  return presentation[baseName(metric)]?.en ?? metric;
}

export function decimals(metric: string): number {
  return presentation[baseName(metric)]?.decimals ?? 1;
}

/** A value as a person reads it: a rate in percent, anything else as the host sent it. */
export function displayValue(metric: string, value: number): number {
  return value * (presentation[baseName(metric)]?.display?.scale ?? 1);
}

/** The highest value a metric can reach as displayed (100 %), for an axis that should not stretch past it. */
export function displayMax(metric: string): number | undefined {
  return presentation[baseName(metric)]?.display?.max;
}

/** The unit a person reads (µg/m³, °C, dB(A), % for a rate); "" for the dimensionless AQI. */
export function displayUnit(metric: string, wireUnit?: string | null): string {
  const name = baseName(metric);
  if (name === 'aqi') return '';
  const shown = presentation[name]?.display;
  if (shown) return shown.unit;
  return units.get(name)?.displayUnit ?? [...units.values()].find((q) => q.unit === wireUnit)?.displayUnit ?? wireUnit ?? '';
}
