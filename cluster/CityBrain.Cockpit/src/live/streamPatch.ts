/** The live stream's compact updates, as the host makes them (CityBrain.Host/Cockpit/StreamPatch.cs): a JSON merge
 *  patch (RFC 7386) on a form of the region in which every array whose items all carry distinct string ids is an object
 *  keyed by id, with the order under '#order'. */
export const orderKey = '#order';

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };
export type JsonObject = { [name: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ids(array: Json[]): string[] | null {
  if (array.length === 0) return null;
  const list: string[] = [];
  for (const item of array) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id === orderKey) return null;
    list.push(item.id);
  }
  return new Set(list).size === list.length ? list : null;
}

/** The form patches apply to. */
export function keyed(value: Json): Json {
  if (Array.isArray(value)) {
    const list = ids(value);
    if (!list) return value.map(keyed);
    const result: JsonObject = { [orderKey]: list };
    list.forEach((id, i) => {
      result[id] = keyed(value[i]);
    });
    return result;
  }
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, keyed(v)]));
  return value;
}

/** The JSON a keyed form stands for. */
export function unkeyed(value: Json): Json {
  if (Array.isArray(value)) return value.map(unkeyed);
  if (!isObject(value)) return value;
  const order = value[orderKey];
  if (Array.isArray(order)) return order.map((id) => unkeyed(value[id as string] ?? null));
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, unkeyed(v)]));
}

/** Applies a patch to a keyed form in place (RFC 7386: null removes a member, an object patches member by member). */
export function applyPatch(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete target[name];
    else if (isObject(value)) {
      const current = target[name];
      target[name] = applyPatch(isObject(current) ? current : {}, value);
    } else target[name] = value;
  }
  return target;
}
