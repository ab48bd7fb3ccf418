import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ProfileForm } from "@/components/account/ProfileForm";

import { deferred, json, requests, setFetchHandler } from "../fetch-mock";

function setup() {
  const onUnauthorized = jest.fn();
  const user = userEvent.setup();
  render(<ProfileForm name="Ada" email="ada@example.com" onUnauthorized={onUnauthorized} />);
  return { user, onUnauthorized };
}

describe("ProfileForm", () => {
  it("shows the email read-only and refuses a blank name without sending", async () => {
    const { user } = setup();
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.com");
    expect(screen.getByLabelText("Email")).toHaveAttribute("readonly");
    await user.clear(screen.getByLabelText("Name"));
    await user.type(screen.getByLabelText("Name"), "   ");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it("renames through update-user, trimmed, and hands focus back to the field", async () => {
    const gate = deferred<void>();
    setFetchHandler(async (request) => {
      if (request.url.pathname.endsWith("/update-user")) {
        await gate.promise;
        return json(200, { status: true });
      }
      return json(200, null);
    });
    const { user } = setup();
    await user.clear(screen.getByLabelText("Name"));
    await user.type(screen.getByLabelText("Name"), "  Ada Lovelace ");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("button", { name: "Saving…" })).toBeDisabled();
    gate.resolve();

    expect(await screen.findByRole("status")).toHaveTextContent("Your name has been saved.");
    await waitFor(() => expect(screen.getByLabelText("Name")).toHaveFocus());
    expect(screen.getByLabelText("Name")).toHaveValue("Ada Lovelace");
    const update = requests.find((request) => request.url.pathname === "/api/auth/update-user");
    expect(update?.method).toBe("POST");
    expect(update?.body).toEqual({ name: "Ada Lovelace" });
    expect(update?.headers.get("x-api-key")).toBe("test-api-key");
  });

  it("shows the API's error and keeps what was typed", async () => {
    setFetchHandler(() => json(400, { code: "VALIDATION_ERROR", message: "name: must not contain control characters." }));
    const { user } = setup();
    await user.type(screen.getByLabelText("Name"), " Byron");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("name: must not contain control characters.");
    expect(screen.getByLabelText("Name")).toHaveValue("Ada Byron");
  });

  it("hands a 401 to the page (the session ended elsewhere)", async () => {
    setFetchHandler(() => json(401, { code: "UNAUTHORIZED", message: "Sign in first." }));
    const { user, onUnauthorized } = setup();
    await user.click(screen.getByRole("button", { name: "Save name" }));
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
  });
});
