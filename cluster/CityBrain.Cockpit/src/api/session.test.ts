import { afterEach, describe, expect, it, vi } from 'vitest';
import { goToSignIn, session } from './session';

function at(pathname: string, search = ''): { assign: ReturnType<typeof vi.fn> } {
  const location = { pathname, search, assign: vi.fn() };
  vi.stubGlobal('location', location);
  return location;
}

afterEach(() => vi.unstubAllGlobals());

describe('returnPath', () => {
  it('returns to the view the user was on', () => {
    at('/login', '?return=%2Fdistricts%2Fdaxing%3Fmetric%3Dpm2_5');
    expect(session.returnPath).toBe('/districts/daxing?metric=pm2_5');
  });

  it('never leaves the site, nor returns to the sign-in view itself', () => {
    for (const target of ['//evil.example/x', 'https://evil.example/', 'javascript:alert(1)', '/login']) {
      at('/login', `?return=${encodeURIComponent(target)}`);
      expect(session.returnPath, target).toBe('/');
    }
  });

  it('is the start page when none was given', () => {
    at('/login');
    expect(session.returnPath).toBe('/');
  });
});

describe('goToSignIn', () => {
  it('remembers the view to come back to', () => {
    const location = at('/devices/dev-1', '?range=day');
    goToSignIn();
    expect(location.assign).toHaveBeenCalledWith('/login?return=%2Fdevices%2Fdev-1%3Frange%3Dday');
  });

  it('does not come back to the start page or after signing out', () => {
    const start = at('/');
    goToSignIn();
    expect(start.assign).toHaveBeenCalledWith('/login');
    const other = at('/ops');
    goToSignIn(false);
    expect(other.assign).toHaveBeenCalledWith('/login');
  });

  it('does not come back after signing out, even for a request the sign-out cut short', async () => {
    const location = at('/regions/chaoyang');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        // A refresh of the view that the host answers 401 while the sign-out is under way.
        goToSignIn();
        return new Response(null, { status: 204 });
      }),
    );
    await session.signOut();
    expect(location.assign.mock.calls).toEqual([['/login'], ['/login']]);
  });

  it('stays put on the sign-in view', () => {
    const location = at('/login');
    goToSignIn();
    expect(location.assign).not.toHaveBeenCalled();
  });
});
