import { createSignal } from 'solid-js';
import { CHANGE_PASSWORD, LOGIN, LOGOUT, REFRESH, type AuthPayload, type Role } from '../api/auth';
import { postGraphql } from '../api/post';

export interface SessionUser {
  username: string;
  role: Role;
  tags: string[];
  passwordChangeRequired: boolean;
}

// The access token lives only in memory. The single-use refresh token is kept per tab
// (sessionStorage) so a reload stays signed in while closing the tab signs out.
const REFRESH_KEY = 'netraven.refreshToken';
const REFRESH_AHEAD_MS = 60_000;

let accessToken: string | null = null;
let expiresAt = 0;
let refreshing: Promise<boolean> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

const [user, setUser] = createSignal<SessionUser | null>(null);
const [restoring, setRestoring] = createSignal(true);
/** Changes at each sign-in and sign-out (not at a refresh): what one identity read is never shown to the next. */
const [sessionEpoch, setSessionEpoch] = createSignal(0);
export { user, restoring, sessionEpoch };

/** Called each time the access token changes (the WebSocket reconnects with the new one). */
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * When the token expires, on this browser's clock: its lifetime (`exp - iat`, both the server's clock) from now.
 * The absolute `exp` would be wrong by the clocks' difference: a browser a quarter of an hour ahead would see
 * every token as expired and refresh without end, one behind would let its token lapse.
 */
function expiryOf(token: string): number {
  const fallback = Date.now() + 5 * 60_000;
  try {
    const payload = JSON.parse(atob(token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? '')) as { exp?: number; iat?: number };
    if (typeof payload.exp !== 'number') return fallback;
    return typeof payload.iat === 'number' ? Date.now() + (payload.exp - payload.iat) * 1000 : payload.exp * 1000;
  } catch {
    return fallback;
  }
}

function adopt(payload: AuthPayload): void {
  const changed = accessToken !== null;
  accessToken = payload.accessToken;
  expiresAt = expiryOf(payload.accessToken);
  sessionStorage.setItem(REFRESH_KEY, payload.refreshToken);
  setUser({ ...payload.user });
  clearTimeout(timer);
  timer = setTimeout(() => void refreshNow(), Math.max(1_000, expiresAt - Date.now() - REFRESH_AHEAD_MS));
  if (changed) for (const listener of listeners) listener();
}

function forget(): void {
  const wasSignedIn = accessToken !== null;
  accessToken = null;
  expiresAt = 0;
  clearTimeout(timer);
  sessionStorage.removeItem(REFRESH_KEY);
  setUser(null);
  if (wasSignedIn) {
    setSessionEpoch((n) => n + 1);
    for (const listener of listeners) listener();
  }
}

/** Silent refresh: one at a time (the refresh token is single use). False when the session is over. */
export function refreshNow(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= postGraphql<{ refresh: AuthPayload }>(REFRESH, { refreshToken })
    .then((data) => (adopt(data.refresh), true))
    .catch(() => (forget(), false))
    .finally(() => (refreshing = null));
  return refreshing;
}

/** The access token, refreshed first when it is about to expire; null when signed out. */
export async function freshToken(): Promise<string | null> {
  if (refreshing) await refreshing;
  if (accessToken && Date.now() > expiresAt - 10_000) await refreshNow();
  return accessToken;
}

export async function signIn(username: string, password: string): Promise<void> {
  const data = await postGraphql<{ login: AuthPayload }>(LOGIN, { input: { username, password } });
  setSessionEpoch((n) => n + 1);
  adopt(data.login);
}

export async function signOut(): Promise<void> {
  const token = accessToken;
  forget();
  if (token) await postGraphql(LOGOUT, {}, token).catch(() => undefined);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const token = await freshToken();
  await postGraphql(CHANGE_PASSWORD, { input: { currentPassword, newPassword } }, token ?? undefined);
  // The new password is effective now; sign in again so the tokens carry the new state.
  const username = user()?.username;
  if (username) await signIn(username, newPassword);
}

/**
 * At start: a tab that was signed in continues with its refresh token. After an OIDC sign-in the
 * gateway redirects here with the tokens in the fragment (NETRAVEN_OIDC_AFTER_SIGN_IN_URL): taken, then wiped.
 */
export async function restoreSession(): Promise<void> {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const handedOver = fragment.get('refresh_token');
  if (handedOver) {
    sessionStorage.setItem(REFRESH_KEY, handedOver);
    history.replaceState(null, '', location.pathname + location.search);
  }
  try {
    await refreshNow();
  } finally {
    setRestoring(false);
  }
}

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

/** Whether the signed-in role reaches `needed` (the gateway decides; this only hides what would be refused). */
export function roleAtLeast(needed: Role): boolean {
  const current = user();
  return current !== null && RANK[current.role] >= RANK[needed];
}

/** Why an action is not offered, or undefined when the role may take it. */
export function refusal(needed: Role): string | undefined {
  return roleAtLeast(needed) ? undefined : `Needs the ${needed.toLowerCase()} role (you are ${user()?.role.toLowerCase() ?? 'signed out'})`;
}
