import { checkStillSignedIn } from '../api/session';
import type { Region } from '../api/types';
import type { RegionStore } from './regionStore';
import { applyPatch, type JsonObject, keyed, unkeyed } from './streamPatch';

/** Heartbeats arrive every 10 s; a stream silent for longer than this is dead even if the socket looks open. */
const silenceLimitMs = 35_000;
const maxRetryMs = 15_000;

/** Keeps the store fed with one region from GET /api/stream?region={id}. The browser's EventSource retries a dropped connection by itself; when
 *  it gives up (the host answered with an error while restarting, or refused an ended session) or the stream goes
 *  silent, this opens a new one, backing off up to 15 s, unless the session has ended. The host sends the whole region
 *  first on every connection, then patches with what changed, each naming the version it applies to: a patch that
 *  does not apply to what the page holds (one was lost) makes it reconnect for the whole region. */
export function connectRegionStream(store: RegionStore, regionId: string): () => void {
  const url = `/api/stream?${new URLSearchParams({ region: regionId })}`;
  store.follow(regionId);
  let source: EventSource | null = null;
  let retryMs = 1_000;
  let retryTimer: number | undefined;
  let silenceTimer: number | undefined;
  let stopped = false;
  /** The region as the patches apply to it, and its version (the SSE id of the event that brought it). */
  let held: JsonObject | null = null;
  let version = '';

  const heard = () => {
    window.clearTimeout(silenceTimer);
    silenceTimer = window.setTimeout(reconnect, silenceLimitMs);
  };

  const open = () => {
    if (stopped) return;
    source = new EventSource(url);
    source.addEventListener('open', () => {
      retryMs = 1_000;
      store.setLink('live');
      heard();
    });
    source.addEventListener('region', (event) => {
      const message = event as MessageEvent<string>;
      heard();
      store.setLink('live');
      held = keyed(JSON.parse(message.data)) as JsonObject;
      version = message.lastEventId;
      store.setRegion(unkeyed(held) as unknown as Region);
    });
    source.addEventListener('patch', (event) => {
      const message = event as MessageEvent<string>;
      heard();
      const patch = JSON.parse(message.data) as { base: number; changes: JsonObject };
      if (held === null || String(patch.base) !== version) {
        reconnect();
        return;
      }
      held = applyPatch(held, patch.changes);
      version = message.lastEventId;
      store.setLink('live');
      store.setRegion(unkeyed(held) as unknown as Region);
    });
    source.addEventListener('heartbeat', heard);
    source.addEventListener('error', () => {
      store.setLink('reconnecting');
      if (source?.readyState === EventSource.CLOSED) reconnect();
    });
  };

  function reconnect(): void {
    source?.close();
    source = null;
    held = null;
    window.clearTimeout(silenceTimer);
    window.clearTimeout(retryTimer);
    store.setLink('reconnecting');
    // A stream refused because the session ended would be retried for ever: find out, and sign in instead.
    void checkStillSignedIn();
    retryTimer = window.setTimeout(open, retryMs);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }

  open();
  return () => {
    stopped = true;
    window.clearTimeout(silenceTimer);
    window.clearTimeout(retryTimer);
    source?.close();
  };
}
