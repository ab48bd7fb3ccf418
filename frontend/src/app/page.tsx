"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

import { FullPageStatus } from "@/components/ui/FullPageStatus";
import { useAuth } from "@/hooks/useAuth";

/** `/` sends signed-in users to their tasks and everyone else to sign-in. */
export default function HomePage() {
  const router = useRouter();
  const { session, isPending } = useAuth();

  useEffect(() => {
    if (isPending) return;
    router.replace(session ? "/dashboard" : "/signin");
  }, [isPending, session, router]);

  return <FullPageStatus title="Loading…" loading />;
}
