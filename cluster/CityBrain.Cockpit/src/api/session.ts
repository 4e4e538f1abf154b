// Who is looking at the page, from the host's session API (cookie sign-in). The host answers every other /api call
// with 401 once the session is gone; the page then goes to its sign-in view instead of showing errors.

export type Role = 'viewer' | 'operator' | 'technician' | 'administrator';

export interface Session {
  userName: string | null;
  role: Role;
  districts: string[];
  anonymous: boolean;
}

/** Why the host refused a sign-in or a password change, for the form to say in words. */
export type Refusal = { kind: 'wrong' } | { kind: 'throttled'; retryAfterSeconds: number } | { kind: 'invalid'; detail: string } | { kind: 'unreachable' };

/** Thrown by API calls when the host no longer knows this browser: the page signs in again. */
export class SignedOut extends Error {}

const signInPath = '/login';
let current: Session | null = null;
/** Set for good once the user signs out: the page is leaving for the sign-in view. */
let signingOut = false;

export const session = {
  get current(): Session | null {
    return current;
  },

  /** The signed-in session, or null when the host wants a sign-in; throws while the host is unreachable. */
  async load(): Promise<Session | null> {
    const response = await fetch('/api/session', { headers: { Accept: 'application/json' } });
    if (!response.ok && response.status !== 401) throw new Error(`/api/session: HTTP ${response.status}`);
    current = response.ok ? ((await response.json()) as Session) : null;
    return current;
  },

  async signIn(userName: string, password: string): Promise<Session | Refusal> {
    const response = await send('POST', '/api/session', { userName, password });
    if (!response) return { kind: 'unreachable' };
    if (!response.ok) return refusal(response);
    current = (await response.json()) as Session;
    return current;
  },

  async changePassword(currentPassword: string, newPassword: string): Promise<Refusal | null> {
    const response = await send('PUT', '/api/session/password', { currentPassword, newPassword });
    if (!response) return { kind: 'unreachable' };
    return response.ok ? null : refusal(response);
  },

  async signOut(): Promise<void> {
    signingOut = true;
    await send('DELETE', '/api/session');
    current = null;
    goToSignIn(false);
  },

  /** Whether this page is the sign-in view. */
  get atSignIn(): boolean {
    return location.pathname === signInPath;
  },

  /** Where the sign-in view returns to: the view the user was on, never another site. */
  get returnPath(): string {
    const target = new URLSearchParams(location.search).get('return') ?? '/';
    return target.startsWith('/') && !target.startsWith('//') && target !== signInPath ? target : '/';
  },
};

/** Leaves for the sign-in view; with <paramref name="comeBack"/> it returns to this view afterwards. A full page load,
 *  so nothing of the previous session's page stays behind. */
export function goToSignIn(comeBack = true): void {
  if (session.atSignIn) return;
  // The page's other requests answer 401 as the sign-out ends the session: they must not make it "come back here".
  const back = comeBack && !signingOut && location.pathname !== '/' ? `?return=${encodeURIComponent(location.pathname + location.search)}` : '';
  location.assign(`${signInPath}${back}`);
}

/** After a dropped live stream: if the reason is a lost session, go and sign in rather than retrying for ever. */
export async function checkStillSignedIn(): Promise<void> {
  try {
    if ((await session.load()) === null) goToSignIn();
  } catch {
    // The host is unreachable: the stream's own retry handles that.
  }
}

async function send(method: string, path: string, body?: unknown): Promise<Response | null> {
  try {
    return await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

async function refusal(response: Response): Promise<Refusal> {
  if (response.status === 429) return { kind: 'throttled', retryAfterSeconds: Number(response.headers.get('Retry-After')) || 60 };
  if (response.status === 401) return { kind: 'wrong' };
  if (response.status >= 500) return { kind: 'unreachable' };
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  return { kind: 'invalid', detail: problem.detail ?? problem.title ?? `HTTP ${response.status}` };
}
