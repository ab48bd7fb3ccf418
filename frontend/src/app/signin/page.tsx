import type { Metadata } from "next";
import { Suspense } from "react";

import { SignInScreen } from "@/components/auth/SignInScreen";
import { FullPageStatus } from "@/components/ui/FullPageStatus";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <Suspense fallback={<FullPageStatus title="Loading…" loading />}>
      <SignInScreen />
    </Suspense>
  );
}
