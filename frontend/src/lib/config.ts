/**
 * Build-time configuration. `NEXT_PUBLIC_*` variables are inlined by `next build`, so they must be
 * referenced literally here (never through a computed key). A production build refuses to run
 * without both (src/lib/build-environment.ts, checked in next.config.ts); the local values below
 * only serve `next dev` and tools started without them.
 */
const LOCAL_API_URL = "http://127.0.0.1:4000";
const LOCAL_API_KEY = "local-dev-api-key";

/** Base URL of the API: everything before `/api` (on AWS, the API Gateway stage URL). */
export const API_URL: string = (process.env.NEXT_PUBLIC_API_URL || LOCAL_API_URL).replace(/\/+$/, "");

/** API Gateway key, sent as `x-api-key` on every request (it identifies the app, it is not a secret). */
export const API_KEY: string = process.env.NEXT_PUBLIC_API_KEY || LOCAL_API_KEY;

/** Base URL handed to the Better Auth client. */
export const AUTH_BASE_URL = `${API_URL}/api/auth`;
