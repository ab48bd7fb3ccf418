import type { StatusFilter } from "@/lib/api";

const COPY: Record<StatusFilter, { title: string; body: string }> = {
  all: { title: "No tasks yet", body: "Add your first task above to get started." },
  pending: { title: "Nothing pending", body: "Everything is done. Enjoy the moment." },
  completed: { title: "No completed tasks", body: "Tasks you tick off will show up here." },
};

export function EmptyState({ filter }: { filter: StatusFilter }) {
  const copy = COPY[filter];
  return (
    <div className="rounded-2xl border border-dashed border-line bg-surface/60 px-6 py-12 text-center">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600" aria-hidden="true">
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8">
          <rect x="4" y="4" width="16" height="16" rx="3" />
          <path d="m8.5 12 2.5 2.5 4.5-5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
      <h2 className="mt-4 text-base font-semibold text-ink">{copy.title}</h2>
      <p className="mt-1 text-sm text-ink-soft">{copy.body}</p>
    </div>
  );
}
