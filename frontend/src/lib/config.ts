/**
 * Build-time configuration. `NEXT_PUBLIC_*` variables are inlined by `next build`, so they must be
 * referenced literally here (never through a computed key).
 */
// Defaults are the local API's (design.md); a deployment sets both variables.
const DEFAULT_API_URL = "http://127.0.0.1:4000";

/** Base URL of the API: everything before `/api` (on AWS, the API Gateway stage URL). */
export const API_URL: string = (process.env.NEXT_PUBLIC_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");

/** API Gateway key, sent as `x-api-key` on every request (it identifies the app, it is not a secret). */
export const API_KEY: string = process.env.NEXT_PUBLIC_API_KEY || "local-dev-api-key";

/** Base URL handed to the Better Auth client. */
export const AUTH_BASE_URL = `${API_URL}/api/auth`;
