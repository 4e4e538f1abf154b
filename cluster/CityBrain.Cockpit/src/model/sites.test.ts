import { describe, expect, it } from 'vitest';
import type { Region } from '../api/types';
import { sitePoints } from './sites';

const district = (devices: { id: string; at?: [number, number] }[], lists: { offline?: string[]; stale?: string[]; faulty?: string[] }) =>
  ({
    devices: devices.map(({ id, at }) => ({
      id,
      online: true,
      lastSeen: null,
      latest: {},
      site: at ? { name: `site ${id}`, longitude: at[0], latitude: at[1] } : { name: `site ${id}`, longitude: null, latitude: null },
    })),
    networkDevices: { offline: lists.offline ?? [], stale: lists.stale ?? [], faulty: lists.faulty ?? [] },
  }) as unknown as Region;

describe("a district's devices on its map", () => {
  it('marks each by its worst condition and draws the ones needing a visit last, on top', () => {
    const { placed, unplaced } = sitePoints(
      district([{ id: 'a', at: [116.3, 39.7] }, { id: 'b', at: [116.4, 39.8] }, { id: 'c', at: [116.5, 39.6] }, { id: 'd', at: [116.2, 39.7] }, { id: 'e' }], {
        offline: ['c'],
        stale: ['b', 'c'],
        faulty: ['d'],
      }),
    );
    expect(placed.map((p) => [p.device.id, p.condition])).toEqual([
      ['a', 'ok'],
      ['b', 'stale'],
      ['d', 'faulty'],
      ['c', 'offline'],
    ]);
    expect(unplaced).toBe(1);
  });

  it('draws nothing for a district without devices', () => {
    expect(sitePoints(district([], {}))).toEqual({ placed: [], unplaced: 0 });
  });
});
