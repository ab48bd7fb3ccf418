/**
 * Where the bearer token from the `set-auth-token` response header is kept between page loads.
 * All access is guarded: on the server (prerender) or with storage disabled these are no-ops.
 */
const STORAGE_KEY = "lambda-tasks.bearer-token";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return storage()?.getItem(STORAGE_KEY) ?? null;
}

export function setToken(token: string): void {
  storage()?.setItem(STORAGE_KEY, token);
}

export function clearToken(): void {
  storage()?.removeItem(STORAGE_KEY);
}
