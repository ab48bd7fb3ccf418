"use client";

import { useEffect, useRef, type RefObject } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import type { LoadPhase } from "@/hooks/useTasks";
import type { StatusFilter, Task } from "@/lib/api";
import { matchesFilter } from "@/lib/task-list";
import type { TaskInput } from "@/lib/validation";

import { EmptyState } from "./EmptyState";
import { TaskItem } from "./TaskItem";

export interface TaskListProps {
  filter: StatusFilter;
  items: Task[];
  phase: LoadPhase;
  loadError: string | null;
  busy: ReadonlySet<string>;
  hasMore: boolean;
  loadingMore: boolean;
  onRetry: () => void;
  onLoadMore: () => void;
  onToggle: (task: Task) => void;
  onUpdate: (task: Task, input: TaskInput) => Promise<boolean>;
  onDelete: (task: Task) => void;
  /** Where focus goes when the last task it was on leaves the list. */
  fallbackFocusRef: RefObject<HTMLElement | null>;
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

/** A task on its way out of the list, and where it stood. */
interface Leaving {
  id: string;
  index: number;
}

export function TaskList(props: TaskListProps) {
  const { filter, items, phase, loadError, busy, hasMore, loadingMore, fallbackFocusRef } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const leaving = useRef<Leaving | null>(null);

  /**
   * A task that leaves the list (deleted, or toggled out of the current filter) takes the focused
   * control with it: once it is gone, focus the task that took its place, else the one before,
   * else the fallback. Waiting for the list itself (not the next render) keeps this right however
   * soon the list changes after the click.
   */
  useEffect(() => {
    const gone = leaving.current;
    if (!gone || items.some((item) => item.id === gone.id)) return;
    leaving.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const checkboxes = listRef.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [];
    (checkboxes[Math.min(gone.index, checkboxes.length - 1)] ?? fallbackFocusRef.current)?.focus();
  }, [items, fallbackFocusRef]);

  function willLeave(task: Task) {
    leaving.current = { id: task.id, index: items.findIndex((item) => item.id === task.id) };
  }

  function toggle(task: Task) {
    if (!matchesFilter({ completed: !task.completed }, filter)) willLeave(task);
    props.onToggle(task);
  }

  function remove(task: Task) {
    willLeave(task);
    props.onDelete(task);
  }

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
      <ul ref={listRef} aria-label="Tasks" className="space-y-3">
        {items.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            busy={busy.has(task.id)}
            onToggle={toggle}
            onUpdate={props.onUpdate}
            onDelete={remove}
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
