import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState, type ReactNode } from "react";

import { TaskBoard } from "@/components/tasks/TaskBoard";
import { ApiError } from "@/lib/errors";
import { createQueryClient, MAX_RETRIES, retryUnavailable, unavailableRetryDelay } from "@/lib/query-client";

import { json, requests } from "../fetch-mock";
import { installFakeTasksApi, makeTask } from "../fake-tasks-api";

/** The app's own client, retries and all. */
function AppQueryClient({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const unavailable = () =>
  json(503, { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable." }, { "retry-after": "0" });

function listRequests() {
  return requests.filter((request) => request.method === "GET" && request.url.pathname === "/api/tasks");
}

describe("the query client's retry policy", () => {
  it("retries only a 503, at most twice", () => {
    const answered = (status: number) => new ApiError(status, `HTTP_${status}`, "");
    expect(retryUnavailable(0, answered(503))).toBe(true);
    expect(retryUnavailable(MAX_RETRIES - 1, answered(503))).toBe(true);
    expect(retryUnavailable(MAX_RETRIES, answered(503))).toBe(false);
    for (const status of [0, 400, 401, 404, 429, 500, 502]) expect(retryUnavailable(0, answered(status))).toBe(false);
    expect(retryUnavailable(0, new TypeError("Failed to fetch"))).toBe(false);
  });

  it("waits as long as Retry-After says, else a second and then two", () => {
    expect(unavailableRetryDelay(0, new ApiError(503, "SERVICE_UNAVAILABLE", "", 5))).toBe(5000);
    expect(unavailableRetryDelay(0, new ApiError(503, "SERVICE_UNAVAILABLE", "", 600))).toBe(10_000);
    expect(unavailableRetryDelay(0, new ApiError(503, "SERVICE_UNAVAILABLE", ""))).toBe(1000);
    expect(unavailableRetryDelay(1, new ApiError(503, "SERVICE_UNAVAILABLE", ""))).toBe(2000);
  });

  it("loads the list after a 503 by asking again", async () => {
    const api = installFakeTasksApi([makeTask("Woken up")]);
    api.failNext(unavailable);
    render(<TaskBoard onUnauthorized={() => {}} />, { wrapper: AppQueryClient });
    expect(await screen.findByText("Woken up")).toBeInTheDocument();
    expect(listRequests()).toHaveLength(2);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows a 500 at once, asking only once", async () => {
    const api = installFakeTasksApi([makeTask("Never shown")]);
    api.failNext(() => json(500, { code: "INTERNAL_ERROR", message: "Something broke on our side." }));
    render(<TaskBoard onUnauthorized={() => {}} />, { wrapper: AppQueryClient });
    expect(await screen.findByRole("alert")).toHaveTextContent("Something broke on our side.");
    expect(listRequests()).toHaveLength(1);
  });

  it("does not retry a change: a 503 on a new task rolls it back at once", async () => {
    const api = installFakeTasksApi([]);
    render(<TaskBoard onUnauthorized={() => {}} />, { wrapper: AppQueryClient });
    await screen.findByText("No tasks yet");
    api.failNext(unavailable);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("New task"), "Maybe twice{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("The service is temporarily unavailable.");
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expect(api.tasks).toEqual([]);
  });
});
