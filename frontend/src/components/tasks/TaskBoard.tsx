"use client";

import { useCallback, useRef, useState } from "react";

import { Alert } from "@/components/ui/Alert";
import { useTasks, type TaskQuery } from "@/hooks/useTasks";
import type { Task } from "@/lib/api";
import type { TaskInput } from "@/lib/validation";

import { NewTaskForm } from "./NewTaskForm";
import { TaskList } from "./TaskList";
import { TaskToolbar } from "./TaskToolbar";

export const DEFAULT_QUERY: TaskQuery = { status: "all", sort: "created", order: "desc" };

/** Everything on the dashboard that is about tasks: add, filter and sort, the list itself. */
export function TaskBoard({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [query, setQuery] = useState<TaskQuery>(DEFAULT_QUERY);
  const tasks = useTasks(query, onUnauthorized);
  const { toggle, remove, update, reload, loadMore } = tasks;
  const listHeadingRef = useRef<HTMLHeadingElement>(null);

  const handleToggle = useCallback((task: Task) => void toggle(task), [toggle]);
  const handleDelete = useCallback((task: Task) => void remove(task), [remove]);
  const handleUpdate = useCallback((task: Task, input: TaskInput) => update(task, input), [update]);

  return (
    <div className="space-y-4 sm:space-y-6">
      <NewTaskForm onCreate={tasks.create} />
      <section aria-labelledby="task-list-heading" className="space-y-4">
        <h2 id="task-list-heading" ref={listHeadingRef} tabIndex={-1} className="sr-only">
          Task list
        </h2>
        <TaskToolbar query={query} onChange={setQuery} />
        {tasks.notice ? <Alert onDismiss={tasks.dismissNotice}>{tasks.notice}</Alert> : null}
        <TaskList
          filter={query.status}
          items={tasks.items}
          phase={tasks.phase}
          loadError={tasks.loadError}
          busy={tasks.busy}
          hasMore={tasks.nextCursor !== null}
          loadingMore={tasks.loadingMore}
          onRetry={() => void reload()}
          onLoadMore={() => void loadMore()}
          onToggle={handleToggle}
          onUpdate={handleUpdate}
          onDelete={handleDelete}
          fallbackFocusRef={listHeadingRef}
        />
      </section>
    </div>
  );
}
