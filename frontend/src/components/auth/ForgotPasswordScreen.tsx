"use client";

import Link from "next/link";

import { AuthShell } from "./AuthShell";
import { ForgotPasswordForm } from "./ForgotPasswordForm";

function resetPageUrl(): string {
  return `${window.location.origin}/reset-password`;
}

export function ForgotPasswordScreen() {
  return (
    <AuthShell
      title="Forgot your password?"
      subtitle="Enter your email and we will send you a link to choose a new one."
      footer={
        <>
          Remembered it?{" "}
          <Link href="/signin" className="font-medium text-brand-700 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <ForgotPasswordForm redirectTo={resetPageUrl} />
    </AuthShell>
  );
}
