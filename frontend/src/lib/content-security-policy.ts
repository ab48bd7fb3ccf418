/**
 * The page's Content-Security-Policy. The session token sits in localStorage (the bearer pattern,
 * needed because the API is on another site), so no script may run unless this app served it:
 * scripts come from our origin or carry this response's nonce, and `fetch` reaches only our
 * origin and the API.
 */
export interface PolicyOptions {
  /** Fresh for every response (src/proxy.ts); Next.js puts it on the scripts it renders. */
  nonce: string;
  /** Origin of NEXT_PUBLIC_API_URL, e.g. `https://abc.execute-api.us-east-1.amazonaws.com`. */
  apiOrigin: string;
  /** `next dev`: React's debugging needs eval and the dev overlay injects styles. */
  development: boolean;
}

export function contentSecurityPolicy({ nonce, apiOrigin, development }: PolicyOptions): string {
  // No 'strict-dynamic': it would let any script the app runs add <script src> from anywhere.
  const scripts = ["'self'", `'nonce-${nonce}'`, ...(development ? ["'unsafe-eval'"] : [])];
  const styles = development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": scripts,
    "style-src": styles,
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", apiOrigin],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** The origin part of an API base URL (the API may live under a path such as `/prod`). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** 128 random bits, base64: unguessable and unique per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
