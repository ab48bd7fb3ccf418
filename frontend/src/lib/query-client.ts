/**
 * The one TanStack Query client of a signed-in page (src/components/QueryProvider.tsx), and its
 * policies, stated here once.
 */
import { QueryClient } from "@tanstack/react-query";

import { ApiError } from "./errors";

/** A 503 is the API saying its database is waking or away: worth asking again, twice at most. */
export const MAX_RETRIES = 2;
const FALLBACK_RETRY_DELAY_MS = 1000;
const LONGEST_RETRY_DELAY_MS = 10_000;

function isUnavailable(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 503;
}

/**
 * Only a 503 is retried: any other answer (400, 401, 404, 500…) would come back the same, and a
 * network failure is shown at once, as before, with its "Try again".
 */
export function retryUnavailable(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isUnavailable(error);
}

/** Waits as long as the API's `Retry-After` says (it sends one with every 503), within reason. */
export function unavailableRetryDelay(failureCount: number, error: unknown): number {
  const seconds = error instanceof ApiError ? error.retryAfter : null;
  const delay = seconds === null ? FALLBACK_RETRY_DELAY_MS * 2 ** failureCount : seconds * 1000;
  return Math.min(delay, LONGEST_RETRY_DELAY_MS);
}

/**
 * The refetch policy: a task list is fetched when it is shown (the dashboard mounts, or the filter
 * or sort changes) and at no other time, exactly as before TanStack Query: no refetch on window
 * focus, on reconnect or on an interval, and none after a change (the API answers a change with
 * the task as saved, which replaces the optimistic one). A list that leaves the screen is dropped
 * at once (gcTime 0), so coming back to it shows the loading state and then fresh tasks, never a
 * copy that changes made since would have outdated; that costs no request the app did not make
 * before. Requests go out whatever the browser thinks of its connection (networkMode "always"):
 * a failure is shown with its message instead of waiting silently.
 *
 * Writes are not retried: toggle and create are not idempotent, and a 503 can answer a write the
 * database did commit; the change is rolled back and the API's message shown, as before.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        gcTime: 0,
        refetchOnMount: true,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        networkMode: "always",
        retry: retryUnavailable,
        retryDelay: unavailableRetryDelay,
      },
      mutations: { networkMode: "always", retry: false },
    },
  });
}
