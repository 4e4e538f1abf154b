import { api } from '../api/client';
import { echarts } from './charts';

const registered = new Set<string>();

/** Hands the registered map's name to `draw` once it is there; a map that cannot be read leaves the
 *  chart empty and says why in the console, unless the view was left meanwhile. */
export function withRegionMap(regionId: string, signal: AbortSignal, draw: (mapName: string | null) => void): void {
  loadRegionMap(regionId, signal).then(draw, (error) => {
    if (!signal.aborted) console.warn(`the map of ${regionId} could not be read`, error);
  });
}

/** Registers the region's map (GET /api/regions/{id}/map: its children, or a leaf's own outline) with ECharts once per
 *  page, under a name every chart of that region shares; null when the host has no map for it. */
async function loadRegionMap(regionId: string, signal: AbortSignal): Promise<string | null> {
  const name = `region:${regionId}`;
  if (registered.has(name)) return name;
  const map = await api.map(regionId, signal);
  if (!map) return null;
  // The host's GeoJSON is plain GeoJSON; ECharts' types want its own narrower feature type.
  echarts.registerMap(name, map as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered.add(name);
  return name;
}
