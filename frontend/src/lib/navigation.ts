/** Where to go after sign-in: only same-site paths are followed (no open redirects). */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

export function safeNext(next: string | null | undefined, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  const page = next.split(/[?#]/)[0];
  if (page === "/signin" || page === "/signup" || page === "/forgot-password" || page === "/reset-password") return fallback;
  return next;
}

/** Why the visitor was sent to sign-in: each has its sentence on the sign-in page. */
export type SignInReason = "expired" | "reauthenticate" | "deleted" | "password-reset";

export const SIGN_IN_REASONS: Record<SignInReason, string> = {
  expired: "Your session has expired. Please sign in again.",
  reauthenticate: "For your security, please sign in again to manage where you are signed in.",
  deleted: "Your account and all its tasks have been deleted.",
  "password-reset": "Your password has been changed. Sign in with your new password.",
};

export function signInReason(value: string | null | undefined): SignInReason | null {
  return value && Object.hasOwn(SIGN_IN_REASONS, value) ? (value as SignInReason) : null;
}

/** `/signin?next=/dashboard` (the slash left readable), optionally with why the user was sent there. */
export function signInPath(next?: string, reason?: SignInReason): string {
  const params: string[] = [];
  if (next) params.push(`next=${encodeURIComponent(safeNext(next)).replace(/%2F/gi, "/")}`);
  if (reason) params.push(`reason=${reason}`);
  return params.length ? `/signin?${params.join("&")}` : "/signin";
}
