import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { SignInForm } from "@/components/auth/SignInForm";
import { isNewAccount, markNewAccount } from "@/lib/new-account";
import { getToken } from "@/lib/token-store";

import { deferred, json, requests, setFetchHandler } from "../fetch-mock";

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
  const onSignedIn = jest.fn();
  const user = userEvent.setup();
  render(<SignInForm onSignedIn={onSignedIn} />);
  return { user, onSignedIn };
}

describe("SignInForm", () => {
  it("has labelled fields and validates before sending anything", async () => {
    const { user, onSignedIn } = setup();
    await user.type(screen.getByLabelText("Email"), "not-an-email");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(requests).toHaveLength(0);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("signs in through the Better Auth client, keeps the token and disables the button meanwhile", async () => {
    const gate = deferred<void>();
    setFetchHandler(async () => {
      await gate.promise;
      return json(200, { redirect: false, token: "jwt-abc", user: USER }, { "set-auth-token": "jwt-abc" });
    });
    markNewAccount(); // an account created earlier in this tab: signing in makes it a returning user
    const { user, onSignedIn } = setup();
    await user.type(screen.getByLabelText("Email"), "  Ada@Example.com ");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.keyboard("{Enter}");

    const busy = await screen.findByRole("button", { name: "Signing in…" });
    expect(busy).toBeDisabled();
    expect(screen.getByLabelText("Email")).toBeDisabled();

    gate.resolve();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(getToken()).toBe("jwt-abc");
    expect(isNewAccount()).toBe(false);

    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url.href).toBe("http://api.test/api/auth/sign-in/email");
    expect(request?.headers.get("x-api-key")).toBe("test-api-key");
    expect(request?.body).toMatchObject({ email: "Ada@Example.com", password: "correct horse" });
  });

  it("shows the API's message for a wrong password", async () => {
    setFetchHandler(() => json(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password." }));
    const { user, onSignedIn } = setup();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid email or password.");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(getToken()).toBeNull();
    // Ready for the retry: the password field is emptied and focused, the email kept.
    await waitFor(() => expect(screen.getByLabelText("Password")).toHaveFocus());
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.com");
    await user.keyboard("correct horse");
    expect(screen.getByLabelText("Password")).toHaveValue("correct horse");
  });

  it("says how many seconds to wait when rate limited", async () => {
    setFetchHandler(() =>
      json(429, { code: "RATE_LIMITED", message: "Too many attempts. Try again in 37 seconds." }, { "retry-after": "37" }),
    );
    const { user } = setup();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "whatever1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 37 seconds.");
  });

  it("explains when the server cannot be reached", async () => {
    setFetchHandler(() => {
      throw new TypeError("Failed to fetch");
    });
    const { user } = setup();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "whatever1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Can't reach the server.");
  });
});
