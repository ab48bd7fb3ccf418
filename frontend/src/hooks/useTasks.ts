"use client";

import {
  useInfiniteQuery,
  useMutation,
  useMutationState,
  useQueryClient,
  type Query,
  type QueryClient,
} from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { tasksApi, type SortField, type SortOrder, type StatusFilter, type Task, type TaskPage } from "@/lib/api";
import { ApiError, describeError, isUnauthorized } from "@/lib/errors";
import {
  listedTasks,
  matchesFilter,
  positionOf,
  prependTask,
  removeTask,
  replaceTask,
  restoreTask,
  type TaskPages,
} from "@/lib/task-list";
import type { TaskInput } from "@/lib/validation";

export const PAGE_SIZE = 20;

export interface TaskQuery {
  status: StatusFilter;
  sort: SortField;
  order: SortOrder;
}

export type LoadPhase = "loading" | "ready" | "error";

const TASKS = ["tasks"] as const;
const LISTS = [...TASKS, "list"] as const;

function listKey({ status, sort, order }: TaskQuery) {
  return [...LISTS, status, sort, order] as const;
}

type ListKey = ReturnType<typeof listKey>;

/** What a change needs to be undone: the list it was made in, and where the task stood there. */
interface Rollback {
  key: ListKey;
  list: Query | undefined;
  position: number;
  /** The task whose controls refuse input until the API has answered. */
  busyId: string | null;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === "NOT_FOUND";
}

/** Deleting a task that is already gone (deleted elsewhere) did what the user wanted. */
function unlessNotFound(error: unknown): void {
  if (!isNotFound(error)) throw error;
}

function findList(client: QueryClient, key: ListKey): Query | undefined {
  return client.getQueryCache().find({ queryKey: key, exact: true });
}

function rollbackFor(client: QueryClient, key: ListKey, task: Task): Rollback {
  return { key, list: findList(client, key), position: positionOf(client.getQueryData(key), task.id), busyId: task.id };
}

/**
 * Puts the task back only in the list it was taken from, while that list is still the one loaded
 * (not after a filter change: a list loaded since already shows the task as the API has it).
 */
function putBack(client: QueryClient, rollback: Rollback, task: Task): void {
  if (findList(client, rollback.key) !== rollback.list) return;
  client.setQueryData<TaskPages>(rollback.key, (data) => data && restoreTask(data, task, rollback.position));
}

/** Edits every task list loaded (normally only the one shown: the others are dropped as they go). */
function editLists(client: QueryClient, edit: (data: TaskPages) => TaskPages): void {
  client.setQueriesData<TaskPages>({ queryKey: LISTS }, (data) => data && edit(data));
}

/** The task a pending change is about: every onMutate here answers a `busyId`. */
/** Resolves once the list has no load in flight (at once if it has none). */
function listSettled(client: QueryClient, key: ListKey): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (client.getQueryState(key)?.fetchStatus === "fetching") return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = client.getQueryCache().subscribe(check);
    check();
  });
}

/**
 * A task saved while its list was still loading: the answer to that load may predate it, so once
 * the list is in, the task goes first unless the list has it already (no request needed).
 */
async function addOnceLoaded(client: QueryClient, key: ListKey, saved: Task): Promise<void> {
  await listSettled(client, key);
  client.setQueryData<TaskPages>(key, (data) => data && (positionOf(data, saved.id) < 0 ? prependTask(data, saved) : data));
}

function busyIdOf(context: unknown): string | null {
  const busyId = (context as Partial<Rollback> | undefined)?.busyId;
  return typeof busyId === "string" ? busyId : null;
}

let draftCounter = 0;

function draftTask(input: TaskInput): Task {
  const now = new Date().toISOString();
  return { id: `temp-${++draftCounter}`, ...input, completed: false, createdAt: now, updatedAt: now };
}

/** A change to one task: what it should look like once the API agrees, and the call that asks. */
interface TaskChange {
  task: Task;
  expected: Task;
  send: () => Promise<Task>;
}

const succeeded = () => true;
const failed = () => false;

/**
 * The task list for one query (filter + sort) through TanStack Query (the policies are in
 * src/lib/query-client.ts), with optimistic changes: the list changes at once and is put back
 * as it was if the API refuses. A 401 anywhere calls `onUnauthorized`.
 */
export function useTasks(query: TaskQuery, onUnauthorized: () => void) {
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const unauthorized = useRef(onUnauthorized);
  useEffect(() => {
    unauthorized.current = onUnauthorized;
  }, [onUnauthorized]);
  const key = listKey(query);
  const { status } = query;

  const list = useInfiniteQuery<TaskPage, Error, TaskPages, ListKey, string | null>({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      tasksApi.list({ ...query, limit: PAGE_SIZE, cursor: pageParam }).catch((error: unknown) => {
        if (isUnauthorized(error)) unauthorized.current();
        throw error;
      }),
    initialPageParam: null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

  const fail = useCallback((error: unknown) => {
    if (isUnauthorized(error)) unauthorized.current();
    else setNotice(describeError(error));
  }, []);

  const creation = useMutation({
    mutationKey: [...TASKS, "create"],
    mutationFn: (input: TaskInput) => tasksApi.create(input.description ? input : { title: input.title }),
    onMutate: (input) => {
      setNotice(null);
      const draft = draftTask(input);
      const shown = matchesFilter(draft, status);
      const loaded = client.getQueryData(key) !== undefined;
      if (shown && loaded) client.setQueryData<TaskPages>(key, (data) => data && prependTask(data, draft));
      return { draftId: draft.id, busyId: shown ? draft.id : null, key, addWhenLoaded: shown && !loaded };
    },
    onSuccess: (saved, _input, { draftId, key: shownIn, addWhenLoaded }) => {
      editLists(client, (data) => replaceTask(data, draftId, saved));
      if (addWhenLoaded) void addOnceLoaded(client, shownIn, saved);
    },
    onError: (error, _input, context) => {
      if (context) editLists(client, (data) => removeTask(data, context.draftId));
      fail(error);
    },
  });

  const change = useMutation({
    mutationKey: [...TASKS, "change"],
    mutationFn: ({ send }: TaskChange) => send(),
    onMutate: ({ task, expected }) => {
      setNotice(null);
      const rollback = rollbackFor(client, key, task);
      const stays = matchesFilter(expected, status);
      client.setQueryData<TaskPages>(
        key,
        (data) => data && (stays ? replaceTask(data, task.id, expected) : removeTask(data, task.id)),
      );
      return { ...rollback, stays };
    },
    onSuccess: (saved, { task }, { stays }) => {
      if (stays) editLists(client, (data) => replaceTask(data, task.id, saved));
    },
    onError: (error, { task }, rollback) => {
      if (isNotFound(error)) editLists(client, (data) => removeTask(data, task.id));
      else if (rollback) putBack(client, rollback, task);
      fail(error);
    },
  });

  const removal = useMutation({
    mutationKey: [...TASKS, "remove"],
    mutationFn: (task: Task) => tasksApi.remove(task.id).catch(unlessNotFound),
    onMutate: (task) => {
      setNotice(null);
      const rollback = rollbackFor(client, key, task);
      client.setQueryData<TaskPages>(key, (data) => data && removeTask(data, task.id));
      return rollback;
    },
    onError: (error, task, rollback) => {
      if (rollback) putBack(client, rollback, task);
      fail(error);
    },
  });

  const busyIds = useMutationState({
    filters: { mutationKey: TASKS, status: "pending" },
    select: (mutation) => busyIdOf(mutation.state.context),
  });
  const busy = useMemo<ReadonlySet<string>>(
    () => new Set(busyIds.filter((id): id is string => id !== null)),
    [busyIds],
  );

  const { mutateAsync: createTask } = creation;
  const { mutateAsync: changeTask } = change;
  const { mutateAsync: removeTaskNow } = removal;
  const { fetchNextPage, hasNextPage, isFetchingNextPage, refetch } = list;

  const create = useCallback((input: TaskInput) => createTask(input).then(succeeded, failed), [createTask]);

  const applyChange = useCallback(
    (change: TaskChange) => changeTask(change).then(succeeded, failed),
    [changeTask],
  );

  const toggle = useCallback(
    (task: Task) =>
      applyChange({ task, expected: { ...task, completed: !task.completed }, send: () => tasksApi.toggle(task.id) }),
    [applyChange],
  );

  const update = useCallback(
    (task: Task, changes: TaskInput) =>
      applyChange({ task, expected: { ...task, ...changes }, send: () => tasksApi.update(task.id, changes) }),
    [applyChange],
  );

  const remove = useCallback((task: Task) => removeTaskNow(task).then(succeeded, failed), [removeTaskNow]);

  // The list on screen, for telling whether a page that failed to load still belongs to it.
  const shownList = findList(client, key);
  const shown = useRef(shownList);
  useEffect(() => {
    shown.current = shownList;
  }, [shownList]);

  const loadMore = useCallback(async () => {
    if (!hasNextPage || isFetchingNextPage) return;
    const loadingInto = shown.current;
    try {
      await fetchNextPage({ throwOnError: true });
    } catch (error) {
      // A 401 has been handed on by the query itself. After a filter change the page belonged to
      // a list no longer shown: nothing to say.
      if (!isUnauthorized(error) && shown.current === loadingInto) setNotice(describeError(error));
    }
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const reload = useCallback(() => refetch(), [refetch]);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const loadError = list.error && !isUnauthorized(list.error) ? describeError(list.error) : null;
  const phase: LoadPhase = list.data ? "ready" : loadError ? "error" : "loading";
  const items = useMemo(() => listedTasks(list.data), [list.data]);
  const nextCursor = list.data?.pages.at(-1)?.nextCursor ?? null;

  return {
    items,
    nextCursor,
    phase,
    loadError,
    loadingMore: isFetchingNextPage,
    busy,
    notice,
    reload,
    loadMore,
    create,
    toggle,
    update,
    remove,
    dismissNotice,
  };
}
