import type { QuantityVocabulary } from '../api/types';
import type { Language } from '../i18n/i18n';

/** How each quantity is named and rounded on screen. Units come from the host's vocabulary (the wire contract), so
 *  there is one list of quantities and units in the whole system. */
interface Presentation {
  en: string;
  zh: string;
  decimals: number;
}

// In the order a device's readings are listed.
const presentation: Record<string, Presentation> = {
  aqi: { en: 'AQI', zh: 'AQI', decimals: 0 },
  pm2_5: { en: 'PM2.5', zh: 'PM2.5', decimals: 0 },
  pm10: { en: 'PM10', zh: 'PM10', decimals: 0 },
  pm1: { en: 'PM1', zh: 'PM1', decimals: 0 },
  o3: { en: 'O₃', zh: '臭氧 O₃', decimals: 0 },
  no2: { en: 'NO₂', zh: '二氧化氮 NO₂', decimals: 0 },
  so2: { en: 'SO₂', zh: '二氧化硫 SO₂', decimals: 0 },
  co: { en: 'CO', zh: '一氧化碳 CO', decimals: 1 },
  co2: { en: 'CO₂', zh: '二氧化碳 CO₂', decimals: 0 },
  noise: { en: 'Noise LAeq', zh: '噪声 LAeq', decimals: 1 },
  temperature: { en: 'Temperature', zh: '温度', decimals: 1 },
  humidity: { en: 'Humidity', zh: '相对湿度', decimals: 0 },
  pressure: { en: 'Pressure', zh: '气压', decimals: 0 },
  illuminance: { en: 'Illuminance', zh: '照度', decimals: 0 },
};

const listOrder = Object.keys(presentation);

/** Sort key that lists quantities in the order above, unknown ones last. */
export function listPosition(metric: string): number {
  const i = listOrder.indexOf(baseName(metric));
  return i < 0 ? listOrder.length : i;
}

/** Pollutants that enter the AQI, in the order of HJ 633's table. */
export const aqiPollutants = ['so2', 'no2', 'pm10', 'co', 'o3', 'pm2_5'] as const;
export const airQuantities = ['pm2_5', 'pm10', 'o3', 'no2', 'so2', 'co', 'co2', 'pm1'] as const;
export const climateQuantities = ['temperature', 'humidity', 'pressure', 'illuminance'] as const;
/** The metrics a trend or a ranking can show. */
export const trendMetrics = ['aqi', 'pm2_5', 'pm10', 'o3', 'no2', 'noise'] as const;

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

/** The unit a person reads (µg/m³, °C, dB(A)); "" for the dimensionless AQI. */
export function displayUnit(metric: string, wireUnit?: string | null): string {
  const name = baseName(metric);
  if (name === 'aqi') return '';
  return units.get(name)?.displayUnit ?? [...units.values()].find((q) => q.unit === wireUnit)?.displayUnit ?? wireUnit ?? '';
}
