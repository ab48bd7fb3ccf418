"use client";

import Link from "next/link";
import { useEffect } from "react";

import { Button } from "@/components/ui/Button";
import { FullPageStatus } from "@/components/ui/FullPageStatus";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <FullPageStatus title="Something went wrong">
      <p>The page hit an unexpected error. Your tasks are safe; try again.</p>
      <div className="flex justify-center gap-3">
        <Button onClick={reset}>Try again</Button>
        <Link
          href="/"
          className="inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          Go home
        </Link>
      </div>
    </FullPageStatus>
  );
}
