import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { SignUpForm } from "@/components/auth/SignUpForm";
import { isNewAccount } from "@/lib/new-account";
import { getToken } from "@/lib/token-store";

import { json, requests, setFetchHandler } from "../fetch-mock";

function setup() {
  const onSignedUp = jest.fn();
  const user = userEvent.setup();
  render(<SignUpForm onSignedUp={onSignedUp} />);
  return { user, onSignedUp };
}

async function fill(user: ReturnType<typeof userEvent.setup>, name: string, email: string, password: string) {
  if (name) await user.type(screen.getByLabelText("Name"), name);
  if (email) await user.type(screen.getByLabelText("Email"), email);
  if (password) await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("SignUpForm", () => {
  it("shows every rule that is broken, focuses the first and sends nothing", async () => {
    const { user } = setup();
    await fill(user, "", "ada@", "short");
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Password must be at least 8 characters.");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it("sends a password of any script, however many bytes, up to 128 characters", async () => {
    setFetchHandler(() => json(400, { code: "PASSWORD_COMPROMISED", message: "The password is compromised." }));
    const { user } = setup();
    await fill(user, "Ada", "ada@example.com", "é".repeat(40)); // 40 characters, 80 UTF-8 bytes
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toMatchObject({ password: "é".repeat(40) });
    expect(await screen.findByRole("alert")).toHaveTextContent("too common or has appeared in a data breach");
  });

  it("clears a field's error as soon as it is edited", async () => {
    const { user } = setup();
    await fill(user, "", "ada@example.com", "long enough");
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    await user.type(screen.getByLabelText("Name"), "A");
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
  });

  it("shows the API's message when the email is taken", async () => {
    setFetchHandler(() =>
      json(422, { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "An account with this email already exists." }),
    );
    const { user, onSignedUp } = setup();
    await fill(user, "Ada", "ada@example.com", "long enough");
    expect(await screen.findByRole("alert")).toHaveTextContent("An account with this email already exists.");
    expect(onSignedUp).not.toHaveBeenCalled();
    expect(isNewAccount()).toBe(false);
  });

  it("creates the account, stores the token and reports success", async () => {
    setFetchHandler(() =>
      json(
        200,
        { token: "jwt-new", user: { id: "u1", email: "ada@example.com", name: "Ada Lovelace" } },
        { "set-auth-token": "jwt-new" },
      ),
    );
    const { user, onSignedUp } = setup();
    await fill(user, "  Ada Lovelace ", "ada@example.com", "long enough");
    await waitFor(() => expect(onSignedUp).toHaveBeenCalledTimes(1));
    expect(getToken()).toBe("jwt-new");
    expect(isNewAccount()).toBe(true);
    expect(requests[0]?.url.pathname).toBe("/api/auth/sign-up/email");
    expect(requests[0]?.body).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", password: "long enough" });
  });
});
