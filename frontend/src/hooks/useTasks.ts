"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";

import { tasksApi, type SortField, type SortOrder, type StatusFilter, type Task, type TaskChanges } from "@/lib/api";
import { ApiError, describeError, isUnauthorized } from "@/lib/errors";
import { appendPage, matchesFilter, removeById, replaceById, restoreAt } from "@/lib/task-list";

export const PAGE_SIZE = 20;

export interface TaskQuery {
  status: StatusFilter;
  sort: SortField;
  order: SortOrder;
}

export interface TasksState {
  items: Task[];
  nextCursor: string | null;
  phase: "loading" | "ready" | "error";
  loadError: string | null;
  loadingMore: boolean;
  /** Ids of tasks with a request in flight (their buttons are disabled). */
  busy: ReadonlySet<string>;
  /** The last failed change, shown until dismissed or replaced. */
  notice: string | null;
}

type Action =
  | { type: "loadStart" }
  | { type: "loaded"; items: Task[]; nextCursor: string | null }
  | { type: "loadFailed"; message: string }
  | { type: "moreStart" }
  | { type: "moreLoaded"; items: Task[]; nextCursor: string | null }
  | { type: "moreFailed"; message: string }
  | { type: "set"; update: (items: Task[]) => Task[] }
  | { type: "busy"; id: string; on: boolean }
  | { type: "notice"; message: string | null };

const initialState: TasksState = {
  items: [],
  nextCursor: null,
  phase: "loading",
  loadError: null,
  loadingMore: false,
  busy: new Set(),
  notice: null,
};

function reducer(state: TasksState, action: Action): TasksState {
  switch (action.type) {
    case "loadStart":
      return { ...state, phase: "loading", loadError: null, loadingMore: false };
    case "loaded":
      return { ...state, phase: "ready", items: action.items, nextCursor: action.nextCursor };
    case "loadFailed":
      return { ...state, phase: "error", loadError: action.message };
    case "moreStart":
      return { ...state, loadingMore: true };
    case "moreLoaded":
      return { ...state, loadingMore: false, items: appendPage(state.items, action.items), nextCursor: action.nextCursor };
    case "moreFailed":
      return { ...state, loadingMore: false, notice: action.message };
    case "set":
      return { ...state, items: action.update(state.items) };
    case "busy": {
      const busy = new Set(state.busy);
      if (action.on) busy.add(action.id);
      else busy.delete(action.id);
      return { ...state, busy };
    }
    case "notice":
      return { ...state, notice: action.message };
  }
}

let tempCounter = 0;

/**
 * The task list for one query (filter + sort), with optimistic changes: the list changes at once
 * and is put back as it was if the API refuses. A 401 anywhere calls `onUnauthorized`.
 */
export function useTasks(query: TaskQuery, onUnauthorized: () => void) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const generation = useRef(0);
  const items = useRef(state.items);
  useEffect(() => {
    items.current = state.items;
  }, [state.items]);
  const { status, sort, order } = query;

  const fail = useCallback(
    (error: unknown) => {
      if (isUnauthorized(error)) onUnauthorized();
      else dispatch({ type: "notice", message: describeError(error) });
    },
    [onUnauthorized],
  );

  const reload = useCallback(async () => {
    const current = ++generation.current;
    dispatch({ type: "loadStart" });
    try {
      const page = await tasksApi.list({ status, sort, order, limit: PAGE_SIZE });
      if (current === generation.current) dispatch({ type: "loaded", items: page.items, nextCursor: page.nextCursor });
    } catch (error) {
      if (current !== generation.current) return;
      if (isUnauthorized(error)) onUnauthorized();
      else dispatch({ type: "loadFailed", message: describeError(error) });
    }
  }, [status, sort, order, onUnauthorized]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    const current = generation.current;
    dispatch({ type: "moreStart" });
    try {
      const page = await tasksApi.list({ status, sort, order, limit: PAGE_SIZE, cursor });
      if (current === generation.current) dispatch({ type: "moreLoaded", items: page.items, nextCursor: page.nextCursor });
    } catch (error) {
      if (current !== generation.current) return;
      if (isUnauthorized(error)) onUnauthorized();
      else dispatch({ type: "moreFailed", message: describeError(error) });
    }
  }, [state.nextCursor, state.loadingMore, status, sort, order, onUnauthorized]);

  const setBusy = useCallback((id: string, on: boolean) => dispatch({ type: "busy", id, on }), []);
  const indexOf = useCallback((id: string) => items.current.findIndex((item) => item.id === id), []);

  const create = useCallback(
    async (input: { title: string; description: string }): Promise<boolean> => {
      const now = new Date().toISOString();
      const tempId = `temp-${++tempCounter}`;
      const draft: Task = { id: tempId, title: input.title, description: input.description, completed: false, createdAt: now, updatedAt: now };
      const shown = matchesFilter(draft, status);
      dispatch({ type: "notice", message: null });
      if (shown) {
        dispatch({ type: "set", update: (list) => [draft, ...list] });
        setBusy(tempId, true);
      }
      try {
        const saved = await tasksApi.create(input.description ? input : { title: input.title });
        if (shown) dispatch({ type: "set", update: (list) => replaceById(list, tempId, saved) });
        return true;
      } catch (error) {
        if (shown) dispatch({ type: "set", update: (list) => removeById(list, tempId) });
        fail(error);
        return false;
      } finally {
        if (shown) setBusy(tempId, false);
      }
    },
    [status, fail, setBusy],
  );

  /** Applies a change optimistically; `expected` is what the task should look like afterwards. */
  const change = useCallback(
    async (task: Task, expected: Task, send: () => Promise<Task>): Promise<boolean> => {
      const index = indexOf(task.id);
      const shownIn = generation.current;
      const stays = matchesFilter(expected, status);
      dispatch({ type: "notice", message: null });
      dispatch({ type: "set", update: (list) => (stays ? replaceById(list, task.id, expected) : removeById(list, task.id)) });
      setBusy(task.id, true);
      try {
        const saved = await send();
        if (stays) dispatch({ type: "set", update: (list) => replaceById(list, task.id, saved) });
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === "NOT_FOUND") {
          dispatch({ type: "set", update: (list) => removeById(list, task.id) });
        } else if (shownIn === generation.current) {
          // Put it back only in the list it was taken from (not after a filter change).
          dispatch({ type: "set", update: (list) => restoreAt(list, task, index) });
        }
        fail(error);
        return false;
      } finally {
        setBusy(task.id, false);
      }
    },
    [status, fail, setBusy, indexOf],
  );

  const toggle = useCallback(
    (task: Task) => change(task, { ...task, completed: !task.completed }, () => tasksApi.toggle(task.id)),
    [change],
  );

  const update = useCallback(
    (task: Task, changes: Required<Pick<TaskChanges, "title" | "description">>) =>
      change(task, { ...task, ...changes }, () => tasksApi.update(task.id, changes)),
    [change],
  );

  const remove = useCallback(
    async (task: Task): Promise<boolean> => {
      const index = indexOf(task.id);
      const shownIn = generation.current;
      dispatch({ type: "notice", message: null });
      dispatch({ type: "set", update: (list) => removeById(list, task.id) });
      setBusy(task.id, true);
      try {
        await tasksApi.remove(task.id);
        return true;
      } catch (error) {
        // Already gone (deleted elsewhere): that is what the user wanted.
        if (error instanceof ApiError && error.code === "NOT_FOUND") return true;
        if (shownIn === generation.current) dispatch({ type: "set", update: (list) => restoreAt(list, task, index) });
        fail(error);
        return false;
      } finally {
        setBusy(task.id, false);
      }
    },
    [fail, setBusy, indexOf],
  );

  const dismissNotice = useCallback(() => dispatch({ type: "notice", message: null }), []);

  return { ...state, reload, loadMore, create, toggle, update, remove, dismissNotice };
}
