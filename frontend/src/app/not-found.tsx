import Link from "next/link";

import { FullPageStatus } from "@/components/ui/FullPageStatus";

export default function NotFound() {
  return (
    <FullPageStatus title="Page not found">
      <p>There is nothing at this address.</p>
      <Link
        href="/"
        className="inline-flex h-10 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
      >
        Back to your tasks
      </Link>
    </FullPageStatus>
  );
}
