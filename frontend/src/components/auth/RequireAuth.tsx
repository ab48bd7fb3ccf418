"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

import { Button } from "@/components/ui/Button";
import { FullPageStatus } from "@/components/ui/FullPageStatus";
import { useAuth } from "@/hooks/useAuth";
import type { SessionData } from "@/lib/auth-client";
import { clientError, describeError } from "@/lib/errors";
import { signInPath, type SignInReason } from "@/lib/navigation";
import { clearToken, getToken } from "@/lib/token-store";

export interface SignedIn {
  user: SessionData["user"];
  /** This device's session (the account page marks it in the sessions list). */
  session: SessionData["session"];
  /** Revoke the session and go to sign-in. */
  signOut: () => Promise<void>;
  /** The API answered 401: forget the token and go to sign-in, saying why. */
  expire: () => Promise<void>;
  /**
   * Go to sign-in and say why: "reauthenticate" ends this session first (a fresh one is needed);
   * "deleted" only forgets it here (the account, and so the session, is gone).
   */
  leave: (reason: "reauthenticate" | "deleted") => Promise<void>;
}

const SignedInContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error("useSignedIn must be used inside <RequireAuth>");
  return value;
}

type Leaving = "signed-out" | SignInReason | null;

function signInPathFor(reason: Leaving, next: string): string {
  if (reason === "signed-out") return "/signin";
  // Nothing to come back to: the account is gone, or the user starts again with the new password.
  if (reason === "deleted" || reason === "password-reset") return signInPath(undefined, reason);
  return signInPath(next, reason ?? undefined);
}

/**
 * Renders its children only with a live session; otherwise sends the visitor to sign-in and back
 * to the page asked for. Used once, by the (signed-in) route group's layout.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const router = useRouter();
  const next = usePathname();
  const { session, isPending, error, refetch, signOut: endSession, expire: dropSession } = useAuth();
  const [leaving, setLeaving] = useState<Leaving>(null);
  const mustLeave = !isPending && !session && !error;

  useEffect(() => {
    if (!mustLeave) return;
    // A token that the API no longer accepts means the session ran out or was revoked.
    const stale = getToken() !== null;
    clearToken();
    const reason = leaving ?? (stale ? "expired" : null);
    router.replace(signInPathFor(reason, next));
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

  const leave = useCallback(
    async (reason: "reauthenticate" | "deleted") => {
      setLeaving(reason);
      await (reason === "deleted" ? dropSession() : endSession());
    },
    [dropSession, endSession],
  );

  const value = useMemo<SignedIn | null>(
    () => (session ? { user: session.user, session: session.session, signOut, expire, leave } : null),
    [session, signOut, expire, leave],
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
