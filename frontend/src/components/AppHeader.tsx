"use client";

import Link from "next/link";
import { useState } from "react";

import { Logo } from "@/components/Logo";
import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";

export type AppSection = "tasks" | "account";

interface AppHeaderProps {
  user: { name: string; email: string };
  onSignOut: () => Promise<void>;
  /** The page being shown: its link is marked as the current one. */
  current: AppSection;
}

const SECTIONS: Array<{ section: AppSection; href: string; label: string }> = [
  { section: "tasks", href: "/dashboard", label: "Tasks" },
  { section: "account", href: "/account", label: "Account" },
];

function initials(name: string, email: string): string {
  const source = name.trim() || email;
  const parts = source.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : source.slice(0, 2);
  return letters.toUpperCase();
}

export function AppHeader({ user, onSignOut, current }: AppHeaderProps) {
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
      <div className="mx-auto flex h-16 max-w-3xl items-center justify-between gap-2 px-4 sm:gap-4">
        <div className="flex min-w-0 items-center gap-2 sm:gap-4">
          <Logo compact />
          <nav aria-label="Main">
            <ul className="flex items-center gap-1">
              {SECTIONS.map(({ section, href, label }) => (
                <li key={section}>
                  <Link
                    href={href}
                    aria-current={section === current ? "page" : undefined}
                    className={cx(
                      "inline-flex h-11 items-center rounded-lg px-2.5 text-sm font-medium sm:h-8 sm:px-3",
                      "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
                      section === current ? "bg-brand-50 text-brand-800" : "text-ink-soft hover:bg-muted hover:text-ink",
                    )}
                  >
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <div className="flex min-w-0 items-center gap-3">
          <div className="hidden min-w-0 text-right sm:block">
            <p className="truncate text-sm font-medium text-ink" data-testid="user-name">
              {user.name}
            </p>
            <p className="truncate text-xs text-ink-soft">{user.email}</p>
          </div>
          <span
            aria-hidden="true"
            className="hidden size-9 shrink-0 place-items-center rounded-full sm:grid bg-brand-100 text-xs font-semibold text-brand-800"
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
