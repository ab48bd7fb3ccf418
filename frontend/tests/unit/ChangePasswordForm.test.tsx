import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { getToken, setToken } from "@/lib/token-store";

import { json, requests, setFetchHandler } from "../fetch-mock";

const USER = {
  id: "5d0c7f5e-1111-4222-8333-944455556666",
  email: "ada@example.com",
  name: "Ada",
  image: null,
  emailVerified: false,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};

function setup() {
  const onUnauthorized = jest.fn();
  const user = userEvent.setup();
  render(<ChangePasswordForm onUnauthorized={onUnauthorized} />);
  return { user, onUnauthorized };
}

async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm: string) {
  if (current) await user.type(screen.getByLabelText("Current password"), current);
  if (next) await user.type(screen.getByLabelText("New password"), next);
  if (confirm) await user.type(screen.getByLabelText("Confirm new password"), confirm);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

function changeRequest() {
  return requests.find((request) => request.url.pathname === "/api/auth/change-password");
}

describe("ChangePasswordForm", () => {
  it("checks every field before sending and focuses the first problem", async () => {
    const { user } = setup();
    await fill(user, "", "short", "other");
    expect(screen.getByLabelText("Current password")).toHaveAccessibleDescription("Enter your password.");
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("Password must be at least 8 characters.");
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription("The two passwords do not match.");
    expect(screen.getByLabelText("Current password")).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it("signs other devices out by default and keeps the new token the API answers", async () => {
    setToken("old-token");
    setFetchHandler((request) =>
      request.url.pathname.endsWith("/change-password")
        ? json(200, { token: "new-token", user: USER })
        : json(200, null),
    );
    const { user } = setup();
    expect(screen.getByRole("checkbox", { name: "Sign out of all other devices" })).toBeChecked();
    const accented = "mot de passe très sûr ünïcødé"; // more bytes than characters: no byte limit
    await fill(user, "correct horse", accented, accented);

    const done = await screen.findByRole("status");
    expect(done).toHaveTextContent("every other device has been signed out");
    await waitFor(() => expect(done.parentElement).toHaveFocus());
    expect(getToken()).toBe("new-token");
    expect(changeRequest()?.headers.get("authorization")).toBe("Bearer old-token");
    expect(changeRequest()?.body).toEqual({
      currentPassword: "correct horse",
      newPassword: accented,
      revokeOtherSessions: true,
    });
    expect(screen.getByLabelText("Current password")).toHaveValue("");
    expect(screen.getByLabelText("New password")).toHaveValue("");
  });

  it("can keep other devices signed in; no new token then", async () => {
    setToken("same-token");
    setFetchHandler(() => json(200, { token: null, user: USER }));
    const { user } = setup();
    await user.click(screen.getByRole("checkbox", { name: "Sign out of all other devices" }));
    await fill(user, "correct horse", "new password 1", "new password 1");
    expect(await screen.findByRole("status")).toHaveTextContent(/^Your password has been changed\.$/);
    expect(changeRequest()?.body).toMatchObject({ revokeOtherSessions: false });
    expect(getToken()).toBe("same-token");
  });

  it("a wrong current password: the message, the field emptied and focused, the new one kept", async () => {
    setFetchHandler(() => json(400, { code: "INVALID_PASSWORD", message: "Invalid password" }));
    const { user } = setup();
    await fill(user, "wrong one", "new password 1", "new password 1");
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is not correct.");
    await waitFor(() => expect(screen.getByLabelText("Current password")).toHaveFocus());
    expect(screen.getByLabelText("Current password")).toHaveValue("");
    expect(screen.getByLabelText("New password")).toHaveValue("new password 1");
  });

  it("a compromised new password: the message, and the new password fields emptied and focused", async () => {
    setFetchHandler(() => json(400, { code: "PASSWORD_COMPROMISED", message: "Compromised." }));
    const { user } = setup();
    await fill(user, "correct horse", "password123", "password123");
    expect(await screen.findByRole("alert")).toHaveTextContent("too common or has appeared in a data breach");
    await waitFor(() => expect(screen.getByLabelText("New password")).toHaveFocus());
    expect(screen.getByLabelText("New password")).toHaveValue("");
    expect(screen.getByLabelText("Confirm new password")).toHaveValue("");
    expect(screen.getByLabelText("Current password")).toHaveValue("correct horse");
  });

  it("says how long to wait when rate limited", async () => {
    setFetchHandler(() => json(429, { code: "RATE_LIMITED", message: "Too many attempts." }, { "retry-after": "12" }));
    const { user } = setup();
    await fill(user, "correct horse", "new password 1", "new password 1");
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 12 seconds.");
  });
});
