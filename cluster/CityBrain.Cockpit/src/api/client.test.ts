import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFound, api } from './client';
import { SignedOut } from './session';

function answering(status: number, body: unknown = {}): ReturnType<typeof vi.fn> {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('api', () => {
  it('reads the JSON of an answer', async () => {
    const fetch = answering(200, [{ receivedAt: '2026-11-23T07:00:00Z', clientId: 'c', topic: 't', kind: 'k', reason: 'r', payload: '' }]);
    const letters = await api.rejections(20);
    expect(letters.map((l) => l.clientId)).toEqual(['c']);
    expect(fetch).toHaveBeenCalledWith('/api/ops/rejections?count=20', expect.objectContaining({ headers: { Accept: 'application/json' } }));
  });

  it('escapes ids in paths and puts the history query in the URL', async () => {
    const fetch = answering(200, { metric: 'aqi', step: 'hour', points: [] });
    const from = new Date('2026-11-23T00:00:00Z');
    const to = new Date('2026-11-24T00:00:00Z');
    await api.deviceHistory('a/b', { metric: 'aqi', from, to, step: 'hour' });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/devices/a%2Fb/history?metric=aqi&from=2026-11-23T00%3A00%3A00.000Z&to=2026-11-24T00%3A00%3A00.000Z&step=hour');
  });

  it('gives null for what the host does not have, and throws NotFound where it must be there', async () => {
    answering(404, { error: 'device never reported' });
    await expect(api.device('dev-1')).resolves.toBeNull();
    await expect(api.ingest()).rejects.toBeInstanceOf(NotFound);
  });

  it('reports any other failure with its status', async () => {
    answering(503);
    await expect(api.device('daxing')).rejects.toThrow('/api/devices/daxing: HTTP 503');
  });

  it('sends an ended session to the sign-in view', async () => {
    answering(401);
    const location = { pathname: '/ops', search: '', assign: vi.fn() };
    vi.stubGlobal('location', location);
    await expect(api.ingest()).rejects.toBeInstanceOf(SignedOut);
    expect(location.assign).toHaveBeenCalledWith('/login?return=%2Fops');
  });
});
