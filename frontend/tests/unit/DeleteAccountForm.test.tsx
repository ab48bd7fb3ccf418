import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { DeleteAccountForm } from "@/components/account/DeleteAccountForm";
import { getToken, setToken } from "@/lib/token-store";

import { json, requests, setFetchHandler } from "../fetch-mock";

function setup() {
  const onUnauthorized = jest.fn();
  const onDeleted = jest.fn(async () => {});
  const user = userEvent.setup();
  render(<DeleteAccountForm onUnauthorized={onUnauthorized} onDeleted={onDeleted} />);
  return { user, onUnauthorized, onDeleted };
}

describe("DeleteAccountForm", () => {
  it("asks for the password first; cancelling (or Escape) returns focus to the button", async () => {
    const { user } = setup();
    await user.click(screen.getByRole("button", { name: "Delete account…" }));
    await waitFor(() => expect(screen.getByLabelText("Your password")).toHaveFocus());
    expect(screen.getByText(/cannot be undone/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Delete account…" })).toHaveFocus());

    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByLabelText("Your password")).toHaveFocus());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.getByRole("button", { name: "Delete account…" })).toHaveFocus());
    expect(requests).toHaveLength(0);
  });

  it("needs the password before sending", async () => {
    const { user } = setup();
    await user.click(screen.getByRole("button", { name: "Delete account…" }));
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    expect(screen.getByLabelText("Your password")).toHaveAccessibleDescription("Enter your password.");
    expect(requests).toHaveLength(0);
  });

  it("a wrong password: the message, the field emptied and focused, nothing deleted", async () => {
    setToken("live-token");
    setFetchHandler(() => json(400, { code: "INVALID_PASSWORD", message: "Invalid password" }));
    const { user, onDeleted } = setup();
    await user.click(screen.getByRole("button", { name: "Delete account…" }));
    await user.type(screen.getByLabelText("Your password"), "not it");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is not correct.");
    await waitFor(() => expect(screen.getByLabelText("Your password")).toHaveFocus());
    expect(screen.getByLabelText("Your password")).toHaveValue("");
    expect(onDeleted).not.toHaveBeenCalled();
    expect(getToken()).toBe("live-token");
  });

  it("deletes through delete-user with the password, forgets the token and hands over to the page", async () => {
    setToken("live-token");
    setFetchHandler(() => json(200, { success: true, message: "User deleted" }));
    const { user, onDeleted } = setup();
    await user.click(screen.getByRole("button", { name: "Delete account…" }));
    await user.type(screen.getByLabelText("Your password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(getToken()).toBeNull();
    const [request] = requests;
    expect(request?.url.pathname).toBe("/api/auth/delete-user");
    expect(request?.method).toBe("POST");
    expect(request?.body).toEqual({ password: "correct horse" });
    expect(request?.headers.get("authorization")).toBe("Bearer live-token");
  });
});
