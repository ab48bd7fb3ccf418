"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";

import { useAuth } from "@/hooks/useAuth";
import { safeNext } from "@/lib/navigation";

import { AuthShell } from "./AuthShell";
import { SignUpForm } from "./SignUpForm";

export function SignUpScreen() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get("next"));
  const { session, refetch } = useAuth();

  useEffect(() => {
    if (session) router.replace(next);
  }, [session, next, router]);

  const handleSignedUp = useCallback(async () => {
    await refetch();
    router.replace(next);
  }, [refetch, router, next]);

  const signInHref = next === "/dashboard" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`;

  return (
    <AuthShell
      title="Create your account"
      subtitle="Keep track of what matters, from any device."
      footer={
        <>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-brand-700 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm onSignedUp={handleSignedUp} />
    </AuthShell>
  );
}
