"use client";

import { useCallback } from "react";

import { AppHeader } from "@/components/AppHeader";
import { useSignedIn } from "@/components/auth/RequireAuth";

import { AccountSection } from "./AccountSection";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { DeleteAccountForm } from "./DeleteAccountForm";
import { ProfileForm } from "./ProfileForm";
import { SessionsPanel } from "./SessionsPanel";

export function AccountScreen() {
  const { user, session, signOut, expire, leave } = useSignedIn();
  const onUnauthorized = useCallback(() => void expire(), [expire]);
  const reauthenticate = useCallback(() => leave("reauthenticate"), [leave]);
  const deleted = useCallback(() => leave("deleted"), [leave]);

  return (
    <div className="min-h-dvh">
      <AppHeader user={user} onSignOut={signOut} current="account" />
      <main className="mx-auto max-w-3xl space-y-4 px-4 py-4 sm:space-y-6 sm:py-10">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink">Your account</h1>
          <p className="mt-1 text-sm text-ink-soft">Your name, your password and where you are signed in.</p>
        </div>
        <AccountSection title="Profile" description="The name shown in the app.">
          <ProfileForm name={user.name} email={user.email} onUnauthorized={onUnauthorized} />
        </AccountSection>
        <AccountSection title="Password" description="Choose a new password. You need your current one.">
          <ChangePasswordForm onUnauthorized={onUnauthorized} />
        </AccountSection>
        <AccountSection title="Where you are signed in" description="Sign out any device you do not recognise.">
          <SessionsPanel
            currentSessionId={session.id}
            onUnauthorized={onUnauthorized}
            onReauthenticate={reauthenticate}
          />
        </AccountSection>
        <AccountSection
          title="Delete account"
          description="Remove your account and everything in it."
          tone="danger"
        >
          <DeleteAccountForm onUnauthorized={onUnauthorized} onDeleted={deleted} />
        </AccountSection>
      </main>
    </div>
  );
}
