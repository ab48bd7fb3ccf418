/** Pure helpers for the in-memory task list (optimistic updates and their rollbacks). */
import type { StatusFilter, Task } from "./api";

export function matchesFilter(task: Pick<Task, "completed">, status: StatusFilter): boolean {
  if (status === "pending") return !task.completed;
  if (status === "completed") return task.completed;
  return true;
}

export function replaceById(items: readonly Task[], id: string, task: Task): Task[] {
  return items.map((item) => (item.id === id ? task : item));
}

export function removeById(items: readonly Task[], id: string): Task[] {
  return items.filter((item) => item.id !== id);
}

/** Puts a task back where it was (clamped), replacing any copy already in the list. */
export function restoreAt(items: readonly Task[], task: Task, index: number): Task[] {
  const without = removeById(items, task.id);
  const at = Math.max(0, Math.min(index, without.length));
  return [...without.slice(0, at), task, ...without.slice(at)];
}

/** Appends a page, skipping tasks already shown (a task created since may shift the pages). */
export function appendPage(items: readonly Task[], page: readonly Task[]): Task[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((task) => !seen.has(task.id))];
}
