"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

import { Button } from "@/components/ui/Button";
import { FullPageStatus } from "@/components/ui/FullPageStatus";
import { useAuth } from "@/hooks/useAuth";
import type { SessionData } from "@/lib/auth-client";
import { clientError, describeError } from "@/lib/errors";
import { signInPath } from "@/lib/navigation";
import { clearToken, getToken } from "@/lib/token-store";

export interface SignedIn {
  user: SessionData["user"];
  /** Revoke the session and go to sign-in. */
  signOut: () => Promise<void>;
  /** The API answered 401: forget the token and go to sign-in, saying why. */
  expire: () => Promise<void>;
}

const SignedInContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error("useSignedIn must be used inside <RequireAuth>");
  return value;
}

type Leaving = "signed-out" | "expired" | null;

/** Renders its children only with a live session; otherwise sends the visitor to sign-in and back. */
export function RequireAuth({ next, children }: { next: string; children: ReactNode }) {
  const router = useRouter();
  const { session, isPending, error, refetch, signOut: endSession, expire: dropSession } = useAuth();
  const [leaving, setLeaving] = useState<Leaving>(null);
  const mustLeave = !isPending && !session && !error;

  useEffect(() => {
    if (!mustLeave) return;
    // A token that the API no longer accepts means the session ran out or was revoked.
    const stale = getToken() !== null;
    clearToken();
    const reason = leaving ?? (stale ? "expired" : null);
    router.replace(reason === "signed-out" ? "/signin" : signInPath(next, reason === "expired" ? "expired" : undefined));
  }, [mustLeave, leaving, next, router]);

  const signOut = useCallback(async () => {
    setLeaving("signed-out");
    await endSession();
  }, [endSession]);

  const expire = useCallback(async () => {
    if (leaving) return;
    setLeaving("expired");
    await dropSession();
  }, [leaving, dropSession]);

  const value = useMemo<SignedIn | null>(
    () => (session ? { user: session.user, signOut, expire } : null),
    [session, signOut, expire],
  );

  if (value) return <SignedInContext.Provider value={value}>{children}</SignedInContext.Provider>;

  if (error && !isPending) {
    return (
      <FullPageStatus title="Can't load your session">
        <p>{describeError(clientError(error))}</p>
        <Button onClick={() => void refetch()}>Try again</Button>
      </FullPageStatus>
    );
  }

  return <FullPageStatus title={mustLeave ? "Redirecting to sign-in…" : "Loading your session…"} loading />;
}
