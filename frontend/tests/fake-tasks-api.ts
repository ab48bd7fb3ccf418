/** An in-memory task API behind the fetch mock, following the API's contract (docs/openapi.json). */
import type { Task } from "@/lib/api";

import { json, setFetchHandler, type RecordedRequest } from "./fetch-mock";

export interface FakeTasksApi {
  tasks: Task[];
  /** The next task request gets this response instead (once). */
  failNext: (response: () => Response) => void;
  /** The next task request waits for this promise first (once). */
  holdNext: (gate: Promise<void>) => void;
  /** The next list request is answered as the tasks stand when it arrives, but only once `gate` resolves. */
  answerNextListLate: (gate: Promise<void>) => void;
}

let counter = 0;

// The API orders titles ignoring case and accents ("a very long" before "Write").
const titleOrder = new Intl.Collator("en", { sensitivity: "base" });

/** Title sorting as the API does it; date sorts keep the order the test set up (newest first). */
function ordered(tasks: Task[], sort: string | null, order: string | null): Task[] {
  if (sort !== "title") return tasks;
  const direction = order === "desc" ? -1 : 1;
  return [...tasks].sort((a, b) => direction * titleOrder.compare(a.title, b.title));
}

export function makeTask(title: string, overrides: Partial<Task> = {}): Task {
  counter += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 12, counter)).toISOString();
  return { id: `task-${counter}`, title, description: "", completed: false, createdAt: at, updatedAt: at, ...overrides };
}

export function installFakeTasksApi(initial: Task[] = []): FakeTasksApi {
  const api: FakeTasksApi = { tasks: [...initial], failNext: () => {}, holdNext: () => {}, answerNextListLate: () => {} };
  let failure: (() => Response) | null = null;
  let gate: Promise<void> | null = null;
  let lateList: Promise<void> | null = null;
  api.failNext = (response) => {
    failure = response;
  };
  api.holdNext = (promise) => {
    gate = promise;
  };
  api.answerNextListLate = (promise) => {
    lateList = promise;
  };

  setFetchHandler(async (request: RecordedRequest) => {
    if (lateList && request.method === "GET" && request.url.pathname === "/api/tasks") {
      const waiting = lateList;
      lateList = null;
      const answer = route(api, request);
      await waiting;
      return answer;
    }
    if (gate) {
      const waiting = gate;
      gate = null;
      await waiting;
    }
    if (failure) {
      const response = failure;
      failure = null;
      return response();
    }
    return route(api, request);
  });
  return api;
}

function route(api: FakeTasksApi, request: RecordedRequest): Response {
  const { method, url } = request;
  const match = url.pathname.match(/^\/api\/tasks(?:\/([^/]+))?(\/complete)?$/);
  if (!match) return json(404, { code: "NOT_FOUND", message: "Not found." });
  const [, id, complete] = match;
  const find = () => api.tasks.find((task) => task.id === id);

  if (!id && method === "GET") {
    const status = url.searchParams.get("status") ?? "all";
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const matching = api.tasks.filter((task) => status === "all" || (status === "completed") === task.completed);
    const visible = ordered(matching, url.searchParams.get("sort"), url.searchParams.get("order"));
    const items = visible.slice(start, start + limit);
    const nextCursor = start + limit < visible.length ? String(start + limit) : null;
    return json(200, { items, nextCursor });
  }
  if (!id && method === "POST") {
    const body = request.body as { title: string; description?: string };
    const task = makeTask(body.title, { description: body.description ?? "" });
    api.tasks.unshift(task);
    return json(201, task);
  }
  const task = find();
  if (!task) return json(404, { code: "NOT_FOUND", message: "Task not found." });
  if (complete && method === "PATCH") {
    task.completed = !task.completed;
    return json(200, task);
  }
  if (method === "PUT") {
    Object.assign(task, request.body as Partial<Task>);
    return json(200, task);
  }
  if (method === "DELETE") {
    api.tasks = api.tasks.filter((item) => item.id !== id);
    return json(204, null);
  }
  return json(405, { code: "METHOD_NOT_ALLOWED", message: "Method not allowed." });
}
