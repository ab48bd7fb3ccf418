"use client";

import { useCallback, useState } from "react";

import { AppHeader } from "@/components/AppHeader";
import { useSignedIn } from "@/components/auth/RequireAuth";
import { isNewAccount } from "@/lib/new-account";

import { TaskBoard } from "./TaskBoard";

export function Dashboard() {
  const { user, signOut, expire } = useSignedIn();
  const onUnauthorized = useCallback(() => void expire(), [expire]);
  const firstName = user.name.trim().split(/\s+/)[0] ?? "";
  // Read once: the greeting does not change under the user's eyes.
  const [newAccount] = useState(isNewAccount);
  const welcome = newAccount ? "Welcome" : "Welcome back";

  return (
    <div className="min-h-dvh">
      <AppHeader user={user} onSignOut={signOut} current="tasks" />
      <main className="mx-auto max-w-3xl space-y-4 px-4 py-4 sm:space-y-6 sm:py-10">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink">Your tasks</h1>
          <p className="mt-1 text-sm text-ink-soft">
            {firstName ? `${welcome}, ${firstName}.` : `${welcome}.`}{" "}
            {newAccount ? "Add your first task to get started." : "Here is everything on your list."}
          </p>
        </div>
        <TaskBoard onUnauthorized={onUnauthorized} />
      </main>
    </div>
  );
}
