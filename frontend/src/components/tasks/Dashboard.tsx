"use client";

import { useCallback, useState } from "react";

import { AppHeader } from "@/components/AppHeader";
import { useSignedIn } from "@/components/auth/RequireAuth";
import { Alert } from "@/components/ui/Alert";
import { useTasks, type TaskQuery } from "@/hooks/useTasks";
import type { Task } from "@/lib/api";
import type { TaskInput } from "@/lib/validation";

import { NewTaskForm } from "./NewTaskForm";
import { TaskList } from "./TaskList";
import { TaskToolbar } from "./TaskToolbar";

const DEFAULT_QUERY: TaskQuery = { status: "all", sort: "created", order: "desc" };

export function Dashboard() {
  const { user, signOut, expire } = useSignedIn();
  const [query, setQuery] = useState<TaskQuery>(DEFAULT_QUERY);
  const onUnauthorized = useCallback(() => void expire(), [expire]);
  const tasks = useTasks(query, onUnauthorized);

  const { toggle, remove, update } = tasks;
  const handleToggle = useCallback((task: Task) => void toggle(task), [toggle]);
  const handleDelete = useCallback((task: Task) => void remove(task), [remove]);
  const handleUpdate = useCallback((task: Task, input: TaskInput) => update(task, input), [update]);

  const firstName = user.name.trim().split(/\s+/)[0] ?? "";

  return (
    <div className="min-h-dvh">
      <AppHeader user={user} onSignOut={signOut} />
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-6 sm:py-10">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink">Your tasks</h1>
          <p className="mt-1 text-sm text-ink-soft">
            {firstName ? `Hi ${firstName}, here` : "Here"} is everything on your list.
          </p>
        </div>
        <NewTaskForm onCreate={tasks.create} />
        <section aria-labelledby="task-list-heading" className="space-y-4">
          <h2 id="task-list-heading" className="sr-only">
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
            onRetry={() => void tasks.reload()}
            onLoadMore={() => void tasks.loadMore()}
            onToggle={handleToggle}
            onUpdate={handleUpdate}
            onDelete={handleDelete}
          />
        </section>
      </main>
    </div>
  );
}
