import type { ReactNode, Ref } from "react";

import { cx } from "./cx";

type Tone = "error" | "info" | "success";

const TONES: Record<Tone, string> = {
  error: "border-danger-200 bg-danger-50 text-danger-800",
  info: "border-brand-200 bg-brand-50 text-brand-900",
  success: "border-success-200 bg-success-50 text-success-800",
};

interface AlertProps {
  tone?: Tone;
  children: ReactNode;
  onDismiss?: () => void;
  className?: string;
}

export function Alert({ tone = "error", children, onDismiss, className }: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx("flex items-start gap-3 rounded-lg border px-3.5 py-3 text-sm", TONES[tone], className)}
    >
      <div className="min-w-0 flex-1 leading-6">{children}</div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="-my-2.5 -mr-2 grid size-11 shrink-0 place-items-center rounded hover:bg-black/5 focus-visible:outline-2 focus-visible:outline-current sm:-m-1 sm:size-7"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </button>
      ) : null}
    </div>
  );
}

/** A success message that focus moves to, so that a screen reader reads the change it reports. */
export function FocusedSuccess({ ref, children }: { ref: Ref<HTMLDivElement>; children: ReactNode }) {
  return (
    <div ref={ref} tabIndex={-1} className="rounded-lg focus:outline-none">
      <Alert tone="success">{children}</Alert>
    </div>
  );
}
