"use client";

import { useCallback } from "react";

import { AppHeader } from "@/components/AppHeader";
import { useSignedIn } from "@/components/auth/RequireAuth";

import { TaskBoard } from "./TaskBoard";

export function Dashboard() {
  const { user, signOut, expire } = useSignedIn();
  const onUnauthorized = useCallback(() => void expire(), [expire]);
  const firstName = user.name.trim().split(/\s+/)[0] ?? "";

  return (
    <div className="min-h-dvh">
      <AppHeader user={user} onSignOut={signOut} />
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-6 sm:py-10">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink">Your tasks</h1>
          <p className="mt-1 text-sm text-ink-soft">
            {firstName ? `Welcome back, ${firstName}.` : "Welcome back."} Here is everything on your list.
          </p>
        </div>
        <TaskBoard onUnauthorized={onUnauthorized} />
      </main>
    </div>
  );
}
