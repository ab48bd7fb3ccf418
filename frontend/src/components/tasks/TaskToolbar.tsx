"use client";

import { cx } from "@/components/ui/cx";
import type { SortField, SortOrder, StatusFilter } from "@/lib/api";
import type { TaskQuery } from "@/hooks/useTasks";

const FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "completed", label: "Completed" },
];

const SORTS: Array<{ value: SortField; label: string }> = [
  { value: "created", label: "Date created" },
  { value: "updated", label: "Last updated" },
  { value: "title", label: "Title" },
];

function orderLabels(sort: SortField): Record<SortOrder, string> {
  return sort === "title" ? { asc: "A to Z", desc: "Z to A" } : { desc: "Newest first", asc: "Oldest first" };
}

// Titles read best A to Z, dates newest first: choosing a sort starts in its natural order.
const FIRST_ORDER: Record<SortField, SortOrder> = { title: "asc", created: "desc", updated: "desc" };

const SELECT =
  "h-11 rounded-lg border border-line bg-surface pr-8 pl-3 text-sm text-ink shadow-xs " +
  "focus:border-brand-500 focus:ring-3 focus:ring-brand-100 focus:outline-none disabled:opacity-60 sm:h-9";

interface TaskToolbarProps {
  query: TaskQuery;
  onChange: (query: TaskQuery) => void;
}

export function TaskToolbar({ query, onChange }: TaskToolbarProps) {
  const labels = orderLabels(query.sort);
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div role="group" aria-label="Show tasks" className="inline-flex w-full rounded-lg bg-muted p-1 sm:w-auto">
        {FILTERS.map((filter) => {
          const active = query.status === filter.value;
          return (
            <button
              key={filter.value}
              type="button"
              aria-pressed={active}
              onClick={() => onChange({ ...query, status: filter.value })}
              className={cx(
                "h-11 flex-1 rounded-md px-3 text-sm font-medium transition-colors sm:h-8 sm:flex-none",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500",
                active ? "bg-surface text-ink shadow-sm" : "text-ink-soft hover:text-ink",
              )}
            >
              {filter.label}
            </button>
          );
        })}
      </div>
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor="task-sort">
          Sort by
        </label>
        <select
          id="task-sort"
          className={cx(SELECT, "flex-1 sm:flex-none")}
          value={query.sort}
          onChange={(event) => {
            const sort = event.target.value as SortField;
            onChange({ ...query, sort, order: FIRST_ORDER[sort] });
          }}
        >
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="task-order">
          Order
        </label>
        <select
          id="task-order"
          className={cx(SELECT, "flex-1 sm:flex-none")}
          value={query.order}
          onChange={(event) => onChange({ ...query, order: event.target.value as SortOrder })}
        >
          <option value={query.sort === "title" ? "asc" : "desc"}>{labels[query.sort === "title" ? "asc" : "desc"]}</option>
          <option value={query.sort === "title" ? "desc" : "asc"}>{labels[query.sort === "title" ? "desc" : "asc"]}</option>
        </select>
      </div>
    </div>
  );
}
