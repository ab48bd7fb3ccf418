"use client";

import { useCallback } from "react";

import { signOutEverywhere } from "@/lib/auth";
import { authClient } from "@/lib/auth-client";
import { clearToken } from "@/lib/token-store";

/** The Better Auth session plus the two ways it ends: signing out, or the API saying 401. */
export function useAuth() {
  const { data, isPending, error, refetch } = authClient.useSession();

  const signOut = useCallback(async () => {
    await signOutEverywhere();
    await refetch();
  }, [refetch]);

  /** The API no longer accepts the token: forget it locally; the session becomes null. */
  const expire = useCallback(async () => {
    clearToken();
    await refetch();
  }, [refetch]);

  return { session: data ?? null, isPending, error, refetch, signOut, expire };
}
