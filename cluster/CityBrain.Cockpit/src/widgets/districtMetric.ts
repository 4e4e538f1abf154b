import type { District } from '../api/types';
import { aqiLook, indexColor, noDataColor } from '../model/aqi';

/** A district's current value of a metric: its AQI, or its latest mean of a quantity; null when it has none. */
export function districtValue(district: District, metric: string): number | null {
  if (metric === 'aqi') return district.aqi?.value ?? null;
  return district.latest[metric]?.value ?? null;
}

/** The colour that tells how bad a value is: the AQI category for the AQI, the IAQI's category for a pollutant. */
export function districtColor(district: District, metric: string): string {
  if (metric === 'aqi') return aqiLook(district.aqi).color;
  const iaqi = district.aqi?.iaqi?.[metric];
  return iaqi != null && districtValue(district, metric) != null ? indexColor(iaqi) : noDataColor;
}
