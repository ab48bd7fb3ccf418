import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ForgotPasswordForm } from "@/components/auth/ForgotPasswordForm";

import { json, requests, setFetchHandler } from "../fetch-mock";

const REDIRECT = "http://app.test/reset-password";

function setup() {
  const user = userEvent.setup();
  render(<ForgotPasswordForm redirectTo={() => REDIRECT} />);
  return { user };
}

describe("ForgotPasswordForm", () => {
  it("checks the address before sending", async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText("Email"), "nobody@");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it("asks for the link with redirectTo, then says the same thing whether or not the account exists", async () => {
    setFetchHandler(() =>
      json(200, { status: true, message: "If this email exists in our system, check your email for the reset link" }),
    );
    const { user } = setup();
    await user.type(screen.getByLabelText("Email"), " Ada@Example.com ");
    await user.keyboard("{Enter}");

    const sent = await screen.findByTestId("reset-sent");
    expect(sent).toHaveTextContent("If an account exists for Ada@Example.com, we have sent it a link");
    await waitFor(() => expect(sent).toHaveFocus());
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url.pathname).toBe("/api/auth/request-password-reset");
    expect(request?.body).toEqual({ email: "Ada@Example.com", redirectTo: REDIRECT });
    expect(request?.headers.get("authorization")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Use another email" }));
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveFocus());
  });

  it("shows the wait when rate limited and keeps the address", async () => {
    setFetchHandler(() => json(429, { code: "RATE_LIMITED", message: "Too many attempts." }, { "retry-after": "30" }));
    const { user } = setup();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 30 seconds.");
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveFocus());
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.com");
    expect(screen.queryByTestId("reset-sent")).toBeNull();
  });
});
