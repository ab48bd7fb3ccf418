import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { SessionsPanel } from "@/components/account/SessionsPanel";

import { json, requests, setFetchHandler, type RecordedRequest } from "../fetch-mock";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

function session(id: string, userAgent: string, createdAt: string) {
  return {
    id,
    token: `token-${id}`,
    userId: "user-1",
    expiresAt: "2027-01-01T00:00:00Z",
    createdAt,
    updatedAt: createdAt,
    ipAddress: "203.0.113.7",
    userAgent,
  };
}

/** A small list-sessions / revoke server: revoking removes the session from what is listed next. */
function sessionsApi(initial = [
  session("other-old", FIREFOX_WINDOWS, "2026-11-01T09:00:00Z"),
  session("current", CHROME_LINUX, "2026-12-01T09:00:00Z"),
  session("other-new", SAFARI_IPHONE, "2026-11-20T09:00:00Z"),
]) {
  let sessions = initial;
  setFetchHandler((request: RecordedRequest) => {
    const path = request.url.pathname;
    if (path.endsWith("/list-sessions")) return json(200, sessions);
    if (path.endsWith("/revoke-session")) {
      const { token } = request.body as { token: string };
      sessions = sessions.filter((item) => item.token !== token);
      return json(200, { status: true });
    }
    if (path.endsWith("/revoke-other-sessions")) {
      sessions = sessions.filter((item) => item.id === "current");
      return json(200, { status: true });
    }
    return json(200, null); // get-session refreshes triggered by the client
  });
}

function setup() {
  const onUnauthorized = jest.fn();
  const onReauthenticate = jest.fn(async () => {});
  const user = userEvent.setup();
  render(<SessionsPanel currentSessionId="current" onUnauthorized={onUnauthorized} onReauthenticate={onReauthenticate} />);
  return { user, onUnauthorized, onReauthenticate };
}

function rows() {
  return within(screen.getByRole("list", { name: "Signed-in devices" })).getAllByRole("listitem");
}

describe("SessionsPanel", () => {
  it("lists every session, this device first and marked, each other one with a Revoke button", async () => {
    sessionsApi();
    setup();
    await screen.findByRole("list", { name: "Signed-in devices" });
    const [first, second, third] = rows();
    expect(first).toHaveTextContent("Chrome on Linux");
    expect(first).toHaveTextContent("This device");
    expect(within(first!).queryByRole("button")).toBeNull();
    expect(second).toHaveTextContent("Safari on iOS");
    expect(third).toHaveTextContent("Firefox on Windows");
    expect(third).toHaveTextContent("203.0.113.7");
    expect(within(second!).getByRole("button", { name: /^Revoke Safari on iOS, signed in / })).toBeEnabled();
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.pathname).toBe("/api/auth/list-sessions");
  });

  it("revokes one session by its token and moves focus to the next device", async () => {
    sessionsApi();
    const { user } = setup();
    await screen.findByRole("list", { name: "Signed-in devices" });
    await user.click(screen.getByRole("button", { name: /^Revoke Safari on iOS/ }));

    expect(await screen.findByRole("status")).toHaveTextContent("Safari on iOS has been signed out.");
    await waitFor(() => expect(rows()).toHaveLength(2));
    const revoke = requests.find((request) => request.url.pathname === "/api/auth/revoke-session");
    expect(revoke?.method).toBe("POST");
    expect(revoke?.body).toEqual({ token: "token-other-new" });
    await waitFor(() => expect(screen.getByRole("button", { name: /^Revoke Firefox on Windows/ })).toHaveFocus());
  });

  it("signs out everywhere else, then says so and focuses the news", async () => {
    sessionsApi();
    const { user } = setup();
    await screen.findByRole("list", { name: "Signed-in devices" });
    await user.click(screen.getByRole("button", { name: "Sign out everywhere else" }));

    const news = await screen.findByRole("status");
    expect(news).toHaveTextContent("Every other device has been signed out.");
    await waitFor(() => expect(rows()).toHaveLength(1));
    await waitFor(() => expect(news.parentElement).toHaveFocus());
    expect(screen.getByText("You are not signed in anywhere else.")).toBeInTheDocument();
    expect(requests.some((request) => request.url.pathname === "/api/auth/revoke-other-sessions")).toBe(true);
  });

  it("SESSION_NOT_FRESH: explains and offers to sign in again", async () => {
    setFetchHandler(() => json(403, { code: "SESSION_NOT_FRESH", message: "Session is not fresh" }));
    const { user, onReauthenticate } = setup();
    expect(await screen.findByText(/only shown within a day of signing in/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sign in again" }));
    expect(onReauthenticate).toHaveBeenCalledTimes(1);
  });

  it("any other failure shows its message and a way to try again", async () => {
    let calls = 0;
    setFetchHandler(() => {
      calls += 1;
      if (calls === 1) return json(503, { code: "SERVICE_UNAVAILABLE", message: "" });
      return json(200, [session("current", CHROME_LINUX, "2026-12-01T09:00:00Z")]);
    });
    const { user } = setup();
    expect(await screen.findByRole("alert")).toHaveTextContent("temporarily unavailable");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByText("This device");
  });

  it("a failed revoke says why and leaves focus on its button", async () => {
    sessionsApi();
    const { user } = setup();
    await screen.findByRole("list", { name: "Signed-in devices" });
    setFetchHandler(() => {
      throw new TypeError("Failed to fetch");
    });
    const button = screen.getByRole("button", { name: /^Revoke Firefox on Windows/ });
    await user.click(button);
    expect(await screen.findByRole("alert")).toHaveTextContent("Can't reach the server.");
    await waitFor(() => expect(button).toHaveFocus());
    expect(rows()).toHaveLength(3);
  });

  it("hands a 401 to the page", async () => {
    setFetchHandler(() => json(401, { code: "UNAUTHORIZED", message: "Sign in first." }));
    const { onUnauthorized } = setup();
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });
});
