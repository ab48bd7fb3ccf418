"use client";

import { useState } from "react";

import { Logo } from "@/components/Logo";
import { Button } from "@/components/ui/Button";

interface AppHeaderProps {
  user: { name: string; email: string };
  onSignOut: () => Promise<void>;
}

function initials(name: string, email: string): string {
  const source = name.trim() || email;
  const parts = source.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : source.slice(0, 2);
  return letters.toUpperCase();
}

export function AppHeader({ user, onSignOut }: AppHeaderProps) {
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="sticky top-0 z-10 border-b border-line-soft bg-surface/85 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-3xl items-center justify-between gap-4 px-4">
        <Logo compact />
        <div className="flex min-w-0 items-center gap-3">
          <div className="hidden min-w-0 text-right sm:block">
            <p className="truncate text-sm font-medium text-ink" data-testid="user-name">
              {user.name}
            </p>
            <p className="truncate text-xs text-ink-soft">{user.email}</p>
          </div>
          <span
            aria-hidden="true"
            className="grid size-9 shrink-0 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800"
          >
            {initials(user.name, user.email)}
          </span>
          <Button variant="secondary" size="sm" loading={signingOut} onClick={() => void handleSignOut()}>
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}
