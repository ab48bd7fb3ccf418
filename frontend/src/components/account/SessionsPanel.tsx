"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";

import { Alert, FocusedSuccess } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import {
  listDeviceSessions,
  revokeDeviceSession,
  revokeOtherDeviceSessions,
  type DeviceSession,
} from "@/lib/account";
import type { ApiError } from "@/lib/errors";
import { describeError, isUnauthorized } from "@/lib/errors";
import { describeDevice, formatWhen } from "@/lib/device";

interface SessionsPanelProps {
  /** This device's session id: its row is marked, and a new one (after a password change) reloads the list. */
  currentSessionId: string;
  onUnauthorized: () => void;
  /** list-sessions wants a session less than a day old: sign in again. */
  onReauthenticate: () => Promise<void>;
}

type Listing =
  | { kind: "loading" }
  | { kind: "not-fresh" }
  | { kind: "failed"; message: string }
  | { kind: "loaded"; sessions: DeviceSession[] };

/** This device first, then the most recent sign-ins. */
function ordered(sessions: DeviceSession[], currentSessionId: string): DeviceSession[] {
  const time = (session: DeviceSession) => new Date(session.createdAt).getTime() || 0;
  return [...sessions].sort((a, b) => {
    if (a.id === currentSessionId) return -1;
    if (b.id === currentSessionId) return 1;
    return time(b) - time(a);
  });
}

export function SessionsPanel({ currentSessionId, onUnauthorized, onReauthenticate }: SessionsPanelProps) {
  // A reducer, not useState: the list is (re)loaded from an effect.
  const [listing, setListing] = useReducer((_: Listing, next: Listing) => next, { kind: "loading" });
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());
  const revokeOthersRef = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  /** Answers the sessions listed, or null when the listing failed (the panel then says why). */
  const load = useCallback(async (): Promise<DeviceSession[] | null> => {
    const result = await listDeviceSessions();
    if (result.ok) {
      const sessions = ordered(result.data ?? [], currentSessionId);
      setListing({ kind: "loaded", sessions });
      return sessions;
    }
    if (isUnauthorized(result.error)) onUnauthorized();
    else if (result.error.code === "SESSION_NOT_FRESH") setListing({ kind: "not-fresh" });
    else setListing({ kind: "failed", message: describeError(result.error) });
    return null;
  }, [currentSessionId, onUnauthorized]);

  // Loaded on arrival, and again when this device's session changes (a password change with
  // "sign out of all other devices" starts a new one).
  useEffect(() => {
    void load();
  }, [load]);

  function failed(error: ApiError, returnTo: () => HTMLElement | null | undefined) {
    if (isUnauthorized(error)) {
      onUnauthorized();
      return;
    }
    if (error.code === "SESSION_NOT_FRESH") {
      setListing({ kind: "not-fresh" });
      return;
    }
    setActionError(describeError(error));
    focusAfterRender(returnTo);
  }

  async function revoke(session: DeviceSession, others: DeviceSession[]) {
    setBusy(session.id);
    setActionError(null);
    setNotice(null);
    const result = await revokeDeviceSession(session.token);
    setBusy(null);
    if (!result.ok) {
      failed(result.error, () => revokeButtons.current.get(session.id));
      return;
    }
    const index = others.findIndex((other) => other.id === session.id);
    const label = describeDevice(session.userAgent);
    setNotice(`${label} has been signed out.`);
    const remaining = (await load())?.filter((other) => other.id !== currentSessionId) ?? [];
    // Carry on with the next device in the list, or with the news when none is left.
    const next = remaining[Math.min(index, remaining.length - 1)];
    focusAfterRender(() => (next ? revokeButtons.current.get(next.id) : noticeRef.current));
  }

  async function revokeOthers() {
    setBusy("others");
    setActionError(null);
    setNotice(null);
    const result = await revokeOtherDeviceSessions();
    setBusy(null);
    if (!result.ok) {
      failed(result.error, () => revokeOthersRef.current);
      return;
    }
    setNotice("Every other device has been signed out.");
    await load();
    focusAfterRender(() => noticeRef.current);
  }

  async function reauthenticate() {
    setLeaving(true);
    await onReauthenticate();
  }

  if (listing.kind === "loading") {
    return <Spinner className="size-5 text-brand-600" label="Loading your sessions" />;
  }

  if (listing.kind === "not-fresh") {
    return (
      <div className="space-y-3">
        <Alert tone="info">
          For your security, the list of devices is only shown within a day of signing in. Sign in again to see it
          and sign other devices out.
        </Alert>
        <Button onClick={() => void reauthenticate()} loading={leaving}>
          Sign in again
        </Button>
      </div>
    );
  }

  if (listing.kind === "failed") {
    return (
      <div className="space-y-3">
        <Alert>{listing.message}</Alert>
        <Button variant="secondary" onClick={() => void load()}>
          Try again
        </Button>
      </div>
    );
  }

  const others = listing.sessions.filter((session) => session.id !== currentSessionId);
  return (
    <div className="space-y-4">
      {actionError ? <Alert>{actionError}</Alert> : null}
      {notice ? <FocusedSuccess ref={noticeRef}>{notice}</FocusedSuccess> : null}
      <ul aria-label="Signed-in devices" className="divide-y divide-line-soft rounded-lg border border-line-soft">
        {listing.sessions.map((session) => {
          const device = describeDevice(session.userAgent);
          const since = formatWhen(session.createdAt);
          const current = session.id === currentSessionId;
          return (
            <li
              key={session.id}
              data-testid="session-item"
              className="flex flex-col gap-3 px-3 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-4"
            >
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-ink">
                  {device}
                  {current ? (
                    <span className="rounded-full bg-success-50 px-2 py-0.5 text-xs font-medium text-success-800">
                      This device
                    </span>
                  ) : null}
                </p>
                <p className="mt-0.5 text-xs text-ink-soft">
                  Signed in {since}
                  {session.ipAddress ? ` · ${session.ipAddress}` : ""}
                </p>
              </div>
              {current ? null : (
                <Button
                  ref={(element) => {
                    if (element) revokeButtons.current.set(session.id, element);
                    else revokeButtons.current.delete(session.id);
                  }}
                  variant="secondary"
                  size="sm"
                  className="self-start sm:self-auto"
                  loading={busy === session.id}
                  disabled={busy !== null}
                  aria-label={`Revoke ${device}, signed in ${since}`}
                  onClick={() => void revoke(session, others)}
                >
                  Revoke
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 ? (
        <Button
          ref={revokeOthersRef}
          variant="secondary"
          loading={busy === "others"}
          disabled={busy !== null}
          onClick={() => void revokeOthers()}
        >
          Sign out everywhere else
        </Button>
      ) : (
        <p className="text-sm text-ink-soft">You are not signed in anywhere else.</p>
      )}
    </div>
  );
}
