/**
 * Remembers, for this tab, that the account was created here: the dashboard then greets a new user
 * with "Welcome" rather than "Welcome back". Signing in or out forgets it.
 */
const STORAGE_KEY = "lambda-tasks.new-account";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function markNewAccount(): void {
  storage()?.setItem(STORAGE_KEY, "1");
}

export function forgetNewAccount(): void {
  storage()?.removeItem(STORAGE_KEY);
}

export function isNewAccount(): boolean {
  return storage()?.getItem(STORAGE_KEY) === "1";
}
