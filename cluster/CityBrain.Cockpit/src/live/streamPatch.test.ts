import { describe, expect, it } from 'vitest';
import { applyPatch, type JsonObject, keyed, unkeyed } from './streamPatch';

const region = {
  id: 'city',
  aqi: { value: 80, primaryPollutants: ['pm10'] },
  children: [
    { id: 'a', aqi: 50, latest: { pm10: 40 } },
    { id: 'b', aqi: null, latest: {} },
  ],
  path: [],
} as JsonObject;

describe('the stream patch', () => {
  it('keys arrays of items with ids and gives them back in order', () => {
    const k = keyed(region) as JsonObject;
    const [a, b] = region.children as JsonObject[];
    expect(k.children).toEqual({ '#order': ['a', 'b'], a, b });
    expect(k.aqi).toEqual(region.aqi);
    expect(unkeyed(k)).toEqual(region);
  });

  it('leaves arrays without distinct ids as arrays', () => {
    expect(keyed([{ id: 'x' }, { id: 'x' }])).toEqual([{ id: 'x' }, { id: 'x' }]);
    expect(keyed(['pm10', 'o3'])).toEqual(['pm10', 'o3']);
  });

  it('changes one child without resending the others and removes members patched with null', () => {
    const k = keyed(structuredClone(region)) as JsonObject;
    const patched = applyPatch(k, { children: { b: { aqi: 120, latest: { pm10: 180 } } }, aqi: { primaryPollutants: ['pm10', 'o3'] }, path: null });
    expect(unkeyed(patched)).toEqual({
      id: 'city',
      aqi: { value: 80, primaryPollutants: ['pm10', 'o3'] },
      children: [
        { id: 'a', aqi: 50, latest: { pm10: 40 } },
        { id: 'b', aqi: 120, latest: { pm10: 180 } },
      ],
    });
  });

  it('follows a new order and drops a child that left it', () => {
    const k = keyed(structuredClone(region)) as JsonObject;
    const patched = applyPatch(k, { children: { '#order': ['b'], a: null } });
    expect((unkeyed(patched) as JsonObject).children).toEqual([{ id: 'b', aqi: null, latest: {} }]);
  });
});
