import type { Metadata } from "next";
import { Suspense } from "react";

import { ResetPasswordScreen } from "@/components/auth/ResetPasswordScreen";
import { FullPageStatus } from "@/components/ui/FullPageStatus";

export const metadata: Metadata = { title: "Choose a new password" };

export default function ResetPasswordPage() {
  return (
    <Suspense fallback={<FullPageStatus title="Loading…" loading />}>
      <ResetPasswordScreen />
    </Suspense>
  );
}
