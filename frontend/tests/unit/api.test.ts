
import { tasksApi } from "@/lib/api";
import { ApiError } from "@/lib/errors";
import { setToken } from "@/lib/token-store";

import { json, requests, setFetchHandler } from "../fetch-mock";

describe("tasksApi", () => {
  it("sends the API key, the bearer token and the query", async () => {
    setToken("tok-123");
    setFetchHandler(() => json(200, { items: [], nextCursor: "c2" }));
    const page = await tasksApi.list({ status: "pending", sort: "title", order: "asc", limit: 20, cursor: "c1" });
    expect(page).toEqual({ items: [], nextCursor: "c2" });
    const [request] = requests;
    expect(request?.url.origin).toBe("http://api.test");
    expect(request?.url.pathname).toBe("/api/tasks");
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      status: "pending",
      sort: "title",
      order: "asc",
      limit: "20",
      cursor: "c1",
    });
    expect(request?.headers.get("x-api-key")).toBe("test-api-key");
    expect(request?.headers.get("authorization")).toBe("Bearer tok-123");
  });

  it("sends JSON bodies and handles 204", async () => {
    setFetchHandler((request) =>
      request.method === "DELETE" ? json(204, null) : json(200, { id: "a", ...(request.body as object) }),
    );
    await expect(tasksApi.update("a/b", { title: "New" })).resolves.toMatchObject({ title: "New" });
    expect(requests[0]?.url.pathname).toBe("/api/tasks/a%2Fb");
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    await expect(tasksApi.remove("a")).resolves.toBeUndefined();
    await tasksApi.toggle("a");
    expect(requests[2]?.method).toBe("PATCH");
    expect(requests[2]?.url.pathname).toBe("/api/tasks/a/complete");
  });

  it("omits Authorization when signed out", async () => {
    setFetchHandler(() => json(401, { code: "UNAUTHORIZED", message: "Sign in to continue." }));
    const error = await tasksApi.get("x").catch((caught: unknown) => caught);
    expect(requests[0]?.headers.has("authorization")).toBe(false);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED", message: "Sign in to continue." });
  });

  it("turns network failures into NETWORK_ERROR", async () => {
    setFetchHandler(() => {
      throw new TypeError("Failed to fetch");
    });
    await expect(tasksApi.create({ title: "x" })).rejects.toMatchObject({ code: "NETWORK_ERROR", status: 0 });
  });
});
