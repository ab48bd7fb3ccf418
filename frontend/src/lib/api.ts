/**
 * The typed client for the task API. Every call carries the API key and the bearer token from
 * sign-in, and every failure becomes an ApiError holding the API's `{code, message}`.
 */
import type { components, operations } from "./api-schema";
import { API_KEY, API_URL } from "./config";
import { ApiError, NETWORK_ERROR, toApiError } from "./errors";
import { getToken } from "./token-store";

type Schemas = components["schemas"];
type ListParameters = NonNullable<operations["tasks-list"]["parameters"]["query"]>;

/** The shapes below are the API document's (src/lib/api-schema.d.ts, generated from it). */
export type Task = Schemas["TaskPublic"];
export type TaskPage = Schemas["TaskPage"];

export type StatusFilter = NonNullable<ListParameters["status"]>;
export type SortField = NonNullable<ListParameters["sort"]>;
export type SortOrder = NonNullable<ListParameters["order"]>;

export type ListQuery = Required<Pick<ListParameters, "status" | "sort" | "order">> &
  Pick<ListParameters, "limit" | "cursor">;

/**
 * The body of a new task. The generated type makes `description` required, as a field with a
 * default is in every answer; a request may leave it out (the document requires only `title`).
 */
export type NewTask = Omit<Schemas["TaskCreate"], "description"> & Partial<Pick<Schemas["TaskCreate"], "description">>;

export type TaskChanges = Schemas["TaskUpdate"];

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function buildHeaders(hasBody: boolean): Headers {
  const headers = new Headers({ accept: "application/json" });
  if (API_KEY) headers.set("x-api-key", API_KEY);
  const token = getToken();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (hasBody) headers.set("content-type", "application/json");
  return headers;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_URL}${path}`, {
      method,
      headers: buildHeaders(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, "");
  }
  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);
  if (!response.ok) throw toApiError(response.status, payload, response.headers.get("retry-after"));
  return payload as T;
}

function taskPath(id: string, suffix = ""): string {
  return `/api/tasks/${encodeURIComponent(id)}${suffix}`;
}

export const tasksApi = {
  list(query: ListQuery): Promise<TaskPage> {
    const params = new URLSearchParams({ status: query.status, sort: query.sort, order: query.order });
    if (query.limit) params.set("limit", String(query.limit));
    if (query.cursor) params.set("cursor", query.cursor);
    return request<TaskPage>("GET", `/api/tasks?${params.toString()}`);
  },
  get(id: string): Promise<Task> {
    return request<Task>("GET", taskPath(id));
  },
  create(input: NewTask): Promise<Task> {
    return request<Task>("POST", "/api/tasks", input);
  },
  update(id: string, changes: TaskChanges): Promise<Task> {
    return request<Task>("PUT", taskPath(id), changes);
  },
  toggle(id: string): Promise<Task> {
    return request<Task>("PATCH", taskPath(id, "/complete"));
  },
  remove(id: string): Promise<void> {
    return request<void>("DELETE", taskPath(id));
  },
};
