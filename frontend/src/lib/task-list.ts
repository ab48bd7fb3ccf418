/**
 * Pure helpers for a cached task list (optimistic changes and their rollbacks). A list is the
 * pages loaded so far, in TanStack Query's infinite-query shape; every helper answers a new value.
 */
import type { InfiniteData } from "@tanstack/react-query";

import type { StatusFilter, Task, TaskPage } from "./api";

/** The pages of one list, each asked for with the cursor before it (null for the first). */
export type TaskPages = InfiniteData<TaskPage, string | null>;

export function matchesFilter(task: Pick<Task, "completed">, status: StatusFilter): boolean {
  if (status === "pending") return !task.completed;
  if (status === "completed") return task.completed;
  return true;
}

/** The tasks shown, page after page, each once (a task created since may shift the pages). */
export function listedTasks(data: TaskPages | undefined): Task[] {
  const seen = new Set<string>();
  const tasks: Task[] = [];
  for (const task of data?.pages.flatMap((page) => page.items) ?? []) {
    if (seen.has(task.id)) continue;
    seen.add(task.id);
    tasks.push(task);
  }
  return tasks;
}

function withItems(data: TaskPages, edit: (items: Task[], pageIndex: number) => Task[]): TaskPages {
  return { ...data, pages: data.pages.map((page, index) => ({ ...page, items: edit(page.items, index) })) };
}

export function replaceTask(data: TaskPages, id: string, task: Task): TaskPages {
  return withItems(data, (items) => items.map((item) => (item.id === id ? task : item)));
}

export function removeTask(data: TaskPages, id: string): TaskPages {
  return withItems(data, (items) => items.filter((item) => item.id !== id));
}

/** A new task goes first, whatever the sort, as it always has: the user sees it land. */
export function prependTask(data: TaskPages, task: Task): TaskPages {
  return withItems(data, (items, pageIndex) => (pageIndex === 0 ? [task, ...items] : items));
}

/** Where the task stands in the list shown, or -1. */
export function positionOf(data: TaskPages | undefined, id: string): number {
  return listedTasks(data).findIndex((task) => task.id === id);
}

/** Puts a task back where it stood (clamped), replacing any copy already in the list. */
export function restoreTask(data: TaskPages, task: Task, position: number): TaskPages {
  const without = removeTask(data, task.id);
  let before = Math.max(0, position);
  const lastPage = without.pages.length - 1;
  return withItems(without, (items, pageIndex) => {
    if (before < 0) return items;
    if (before <= items.length || pageIndex === lastPage) {
      const at = Math.min(before, items.length);
      before = -1;
      return [...items.slice(0, at), task, ...items.slice(at)];
    }
    before -= items.length;
    return items;
  });
}
