import type { Metadata } from "next";
import { Suspense } from "react";

import { SignUpScreen } from "@/components/auth/SignUpScreen";
import { FullPageStatus } from "@/components/ui/FullPageStatus";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <Suspense fallback={<FullPageStatus title="Loading…" loading />}>
      <SignUpScreen />
    </Suspense>
  );
}
