/**
 * Counting what a page asks of the API: the design publishes requests per visit, and the frontend
 * must make no request whose answer it already has.
 */
import { API_URL } from "./support.mjs";

const API_ORIGIN = new URL(API_URL).origin;

/** A task's id in a path reads `{id}`, so that routes compare across runs. */
const TASK_ID = /^\/api\/tasks\/[^/]+/;

/**
 * Records every request the context's pages send to the API, as "METHOD /path?query", in order.
 * CORS preflights are the browser's own and are not reported by playwright: they are not counted.
 */
export function recordApiRequests(context) {
  const recorded = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    const route = url.pathname.replace(TASK_ID, "/api/tasks/{id}");
    if (url.origin === API_ORIGIN) recorded.push(`${request.method()} ${route}${url.search}`);
  });
  return recorded;
}

/** The routes asked for more often than `budget` allows, or not in it at all. */
export function overBudget(counts, budget) {
  return Object.entries(counts)
    .filter(([route, count]) => count > (budget[route] ?? 0))
    .map(([route, count]) => `${route}: ${count} (budget ${budget[route] ?? 0})`);
}

/** How many times each route was asked for, in the order each was first asked for. */
export function countByRoute(recorded) {
  const counts = new Map();
  for (const route of recorded) counts.set(route, (counts.get(route) ?? 0) + 1);
  return Object.fromEntries(counts);
}

/** One line per route, for the test's log. */
export function formatCounts(counts) {
  return Object.entries(counts)
    .map(([route, count]) => `  ${String(count).padStart(3)}  ${route}`)
    .join("\n");
}
