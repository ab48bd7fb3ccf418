import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ResetPasswordForm } from "@/components/auth/ResetPasswordForm";

import { json, requests, setFetchHandler } from "../fetch-mock";

function setup() {
  const onReset = jest.fn();
  const onInvalidToken = jest.fn();
  const user = userEvent.setup();
  render(<ResetPasswordForm token="reset-token-123" onReset={onReset} onInvalidToken={onInvalidToken} />);
  return { user, onReset, onInvalidToken };
}

async function fill(user: ReturnType<typeof userEvent.setup>, password: string, confirm: string) {
  if (password) await user.type(screen.getByLabelText("New password"), password);
  if (confirm) await user.type(screen.getByLabelText("Confirm new password"), confirm);
  await user.click(screen.getByRole("button", { name: "Set new password" }));
}

describe("ResetPasswordForm", () => {
  it("needs a valid password typed twice before sending", async () => {
    const { user } = setup();
    await fill(user, "x".repeat(129), "");
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("Password must be at most 128 characters.");
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription("Enter the new password again.");
    expect(screen.getByLabelText("New password")).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it("sends the token and the new password, then hands over", async () => {
    setFetchHandler(() => json(200, { status: true }));
    const { user, onReset } = setup();
    await fill(user, "новый пароль 2026", "новый пароль 2026");
    await waitFor(() => expect(onReset).toHaveBeenCalledTimes(1));
    const [request] = requests;
    expect(request?.url.pathname).toBe("/api/auth/reset-password");
    expect(request?.method).toBe("POST");
    expect(request?.body).toEqual({ token: "reset-token-123", newPassword: "новый пароль 2026" });
  });

  it("a refused token goes to the page's invalid-link state", async () => {
    setFetchHandler(() => json(400, { code: "INVALID_TOKEN", message: "Invalid token" }));
    const { user, onInvalidToken, onReset } = setup();
    await fill(user, "new password 1", "new password 1");
    await waitFor(() => expect(onInvalidToken).toHaveBeenCalledTimes(1));
    expect(onReset).not.toHaveBeenCalled();
  });

  it("a compromised password: the message, both fields emptied, focus in the first", async () => {
    setFetchHandler(() => json(400, { code: "PASSWORD_COMPROMISED", message: "Compromised." }));
    const { user } = setup();
    await fill(user, "password1", "password1");
    expect(await screen.findByRole("alert")).toHaveTextContent("too common or has appeared in a data breach");
    await waitFor(() => expect(screen.getByLabelText("New password")).toHaveFocus());
    expect(screen.getByLabelText("New password")).toHaveValue("");
    expect(screen.getByLabelText("Confirm new password")).toHaveValue("");
  });
});
