/**
 * The genuine Better Auth client, pointed at the Python API. Bearer pattern from Better Auth's
 * docs: the token arrives in the `set-auth-token` response header, is kept in localStorage and
 * is sent back as `Authorization: Bearer`. The API key rides along on every auth request.
 */
import { createAuthClient } from "better-auth/react";

import { API_KEY, AUTH_BASE_URL } from "./config";
import { getToken, setToken } from "./token-store";

export const authClient = createAuthClient({
  baseURL: AUTH_BASE_URL,
  fetchOptions: {
    headers: API_KEY ? { "x-api-key": API_KEY } : {},
    auth: {
      type: "Bearer",
      token: () => getToken() ?? undefined,
    },
    onSuccess: (ctx) => {
      const token = ctx.response.headers.get("set-auth-token");
      if (token) setToken(token);
    },
  },
});

export type SessionData = typeof authClient.$Infer.Session;
