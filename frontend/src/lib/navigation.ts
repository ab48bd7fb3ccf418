/** Where to go after sign-in: only same-site paths are followed (no open redirects). */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

export function safeNext(next: string | null | undefined, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next === "/signin" || next.startsWith("/signin?") || next === "/signup") return fallback;
  return next;
}

export type SignInReason = "expired";

/** `/signin?next=/dashboard` (the slash left readable), optionally with why the user was sent there. */
export function signInPath(next?: string, reason?: SignInReason): string {
  const params: string[] = [];
  if (next) params.push(`next=${encodeURIComponent(safeNext(next)).replace(/%2F/gi, "/")}`);
  if (reason) params.push(`reason=${reason}`);
  return params.length ? `/signin?${params.join("&")}` : "/signin";
}
