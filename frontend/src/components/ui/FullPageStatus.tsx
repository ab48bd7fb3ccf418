import type { ReactNode } from "react";

import { Spinner } from "./Spinner";

/** A centred message for whole-page states: loading, errors, not found. */
export function FullPageStatus({ title, children, loading }: { title: string; children?: ReactNode; loading?: boolean }) {
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="max-w-md text-center">
        {loading ? <Spinner className="mx-auto mb-4 size-6 text-brand-600" label={title} /> : null}
        <h1 className={loading ? "text-sm font-medium text-ink-soft" : "text-xl font-semibold text-ink"}>{title}</h1>
        {children ? <div className="mt-3 space-y-4 text-sm text-ink-soft">{children}</div> : null}
      </div>
    </main>
  );
}
