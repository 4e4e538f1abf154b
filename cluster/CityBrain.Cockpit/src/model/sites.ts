import type { DeviceStatus, Region } from '../api/types';

/** What a technician needs to know of a device at a glance, the worst first: gone, broken, gone quiet, or well. */
export type DeviceCondition = 'offline' | 'faulty' | 'stale' | 'ok';

export const conditions: readonly DeviceCondition[] = ['offline', 'faulty', 'stale', 'ok'];

/** A device with a recorded position, where the district's map draws it. */
export interface SitePoint {
  device: DeviceStatus;
  condition: DeviceCondition;
  longitude: number;
  latitude: number;
}

/** The district's devices on its map: those with a position, drawn well ones first so that the ones needing a visit
 *  lie on top, and how many have no position to draw. */
export function sitePoints(district: Region): { placed: SitePoint[]; unplaced: number } {
  const lists = district.networkDevices;
  const of = (id: string): DeviceCondition =>
    lists?.offline.includes(id) ? 'offline' : lists?.faulty.includes(id) ? 'faulty' : lists?.stale.includes(id) ? 'stale' : 'ok';
  const devices = district.devices ?? [];
  const placed = devices.flatMap((device) => {
    const { latitude, longitude } = device.site ?? {};
    return latitude != null && longitude != null ? [{ device, condition: of(device.id), latitude, longitude }] : [];
  });
  const rank = (c: DeviceCondition) => conditions.indexOf(c);
  placed.sort((a, b) => rank(b.condition) - rank(a.condition) || a.device.id.localeCompare(b.device.id));
  return { placed, unplaced: devices.length - placed.length };
}
