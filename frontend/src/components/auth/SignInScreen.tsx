"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";

import { Alert } from "@/components/ui/Alert";
import { useAuth } from "@/hooks/useAuth";
import { safeNext, SIGN_IN_REASONS, signInReason } from "@/lib/navigation";

import { AuthShell } from "./AuthShell";
import { SignInForm } from "./SignInForm";

export function SignInScreen() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get("next"));
  const reason = signInReason(params.get("reason"));
  const { session, refetch } = useAuth();

  useEffect(() => {
    if (session) router.replace(next);
  }, [session, next, router]);

  const handleSignedIn = useCallback(async () => {
    await refetch();
    router.replace(next);
  }, [refetch, router, next]);

  const signUpHref = next === "/dashboard" ? "/signup" : `/signup?next=${encodeURIComponent(next)}`;

  return (
    <AuthShell
      title="Sign in"
      subtitle="Welcome back. Sign in to see your tasks."
      footer={
        <>
          No account yet?{" "}
          <Link href={signUpHref} className="font-medium text-brand-700 underline-offset-4 hover:underline">
            Create one
          </Link>
        </>
      }
    >
      {reason ? (
        <Alert tone={reason === "deleted" || reason === "password-reset" ? "success" : "info"} className="mb-4">
          {SIGN_IN_REASONS[reason]}
        </Alert>
      ) : null}
      <SignInForm onSignedIn={handleSignedIn} />
      <p className="mt-2 text-center text-sm">
        <Link
          href="/forgot-password"
          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-8"
        >
          Forgot your password?
        </Link>
      </p>
    </AuthShell>
  );
}
