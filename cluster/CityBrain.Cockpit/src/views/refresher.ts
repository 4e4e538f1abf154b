/** Runs a load whenever asked, but never two at once: a request made while one runs is folded into one more run. */
export function refresher(load: (signal: AbortSignal) => Promise<void>): { (): void; stop(): void } {
  const abort = new AbortController();
  let running = false;
  let again = false;

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await load(abort.signal).catch((error: unknown) => {
          if (!abort.signal.aborted) console.warn('refresh failed', error);
        });
      } while (again && !abort.signal.aborted);
    } finally {
      running = false;
    }
  };

  return Object.assign(() => void run(), { stop: () => abort.abort() });
}
