export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className="inline-flex shrink-0 items-center gap-2 font-semibold tracking-tight whitespace-nowrap text-ink">
      <span className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white shadow-sm" aria-hidden="true">
        <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m5 10.5 3 3 7-7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <span className={compact ? "hidden sm:inline" : undefined}>lambda-tasks</span>
    </span>
  );
}
