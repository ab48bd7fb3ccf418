import { useId, type ReactNode } from "react";

import { cx } from "@/components/ui/cx";

interface AccountSectionProps {
  title: string;
  description: ReactNode;
  children: ReactNode;
  tone?: "default" | "danger";
}

/** One card of the account page, named by its heading for screen readers. */
export function AccountSection({ title, description, children, tone = "default" }: AccountSectionProps) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={cx(
        "rounded-2xl border bg-surface p-4 shadow-xs sm:p-6",
        tone === "danger" ? "border-danger-200" : "border-line-soft",
      )}
    >
      <h2 id={id} className={cx("text-base font-semibold", tone === "danger" ? "text-danger-800" : "text-ink")}>
        {title}
      </h2>
      <p className="mt-1 text-sm text-ink-soft">{description}</p>
      <div className="mt-4">{children}</div>
    </section>
  );
}
