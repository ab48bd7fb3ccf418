"use client";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import type { StatusFilter, Task } from "@/lib/api";
import type { TaskInput } from "@/lib/validation";

import { EmptyState } from "./EmptyState";
import { TaskItem } from "./TaskItem";

export interface TaskListProps {
  filter: StatusFilter;
  items: Task[];
  phase: "loading" | "ready" | "error";
  loadError: string | null;
  busy: ReadonlySet<string>;
  hasMore: boolean;
  loadingMore: boolean;
  onRetry: () => void;
  onLoadMore: () => void;
  onToggle: (task: Task) => void;
  onUpdate: (task: Task, input: TaskInput) => Promise<boolean>;
  onDelete: (task: Task) => void;
}

function Skeleton() {
  return (
    <ul aria-hidden="true" className="space-y-3">
      {[0, 1, 2].map((key) => (
        <li key={key} className="flex animate-pulse gap-3 rounded-xl border border-line-soft bg-surface p-4">
          <div className="size-5 rounded bg-muted" />
          <div className="flex-1 space-y-2">
            <div className="h-4 w-2/3 rounded bg-muted" />
            <div className="h-3 w-1/3 rounded bg-muted" />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function TaskList(props: TaskListProps) {
  const { filter, items, phase, loadError, busy, hasMore, loadingMore } = props;

  if (phase === "loading") {
    return (
      <div role="status" aria-label="Loading tasks">
        <Skeleton />
      </div>
    );
  }

  if (phase === "error") {
    return (
      <Alert>
        <p>{loadError}</p>
        <Button variant="secondary" size="sm" className="mt-2" onClick={props.onRetry}>
          Try again
        </Button>
      </Alert>
    );
  }

  if (items.length === 0) return <EmptyState filter={filter} />;

  return (
    <div>
      <ul aria-label="Tasks" className="space-y-3">
        {items.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            busy={busy.has(task.id)}
            onToggle={props.onToggle}
            onUpdate={props.onUpdate}
            onDelete={props.onDelete}
          />
        ))}
      </ul>
      {hasMore ? (
        <div className="mt-6 flex justify-center">
          <Button variant="secondary" loading={loadingMore} onClick={props.onLoadMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
