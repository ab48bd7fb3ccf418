"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";

import { Alert } from "@/components/ui/Alert";
import { describeError, toApiError } from "@/lib/errors";
import { signInPath } from "@/lib/navigation";

import { AuthShell } from "./AuthShell";
import { ResetPasswordForm } from "./ResetPasswordForm";

const INVALID_LINK = describeError(toApiError(400, { code: "INVALID_TOKEN" }));

/** Reached from the emailed link: the API redirects here with `?token=…` or `?error=INVALID_TOKEN`. */
export function ResetPasswordScreen() {
  const router = useRouter();
  const params = useSearchParams();
  const token = params.get("token");
  const [refused, setRefused] = useState(false);
  const usable = Boolean(token) && !params.get("error") && !refused;

  const handleReset = useCallback(() => router.replace(signInPath(undefined, "password-reset")), [router]);
  const handleInvalid = useCallback(() => setRefused(true), []);

  return (
    <AuthShell
      title="Choose a new password"
      subtitle="After this, every device signed in to your account is signed out."
      footer={
        <>
          Remembered it?{" "}
          <Link href="/signin" className="font-medium text-brand-700 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      {usable && token ? (
        <ResetPasswordForm token={token} onReset={handleReset} onInvalidToken={handleInvalid} />
      ) : (
        <div className="space-y-4">
          <Alert>{INVALID_LINK}</Alert>
          <Link
            href="/forgot-password"
            className="inline-flex h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 sm:h-10"
          >
            Request a new link
          </Link>
        </div>
      )}
    </AuthShell>
  );
}
