import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { TaskBoard } from "@/components/tasks/TaskBoard";

import { deferred, json, requests } from "../fetch-mock";
import { installFakeTasksApi, makeTask } from "../fake-tasks-api";

function setup(onUnauthorized = vi.fn()) {
  const user = userEvent.setup();
  render(<TaskBoard onUnauthorized={onUnauthorized} />);
  return { user, onUnauthorized };
}

function titles(): string[] {
  const list = screen.queryByRole("list", { name: "Tasks" });
  if (!list) return [];
  return within(list)
    .getAllByRole("listitem")
    .map((item) => item.querySelector("p")?.textContent ?? "");
}

describe("TaskBoard", () => {
  it("loads the first page and shows the empty state when there is nothing", async () => {
    installFakeTasksApi([]);
    setup();
    expect(screen.getByRole("status", { name: "Loading tasks" })).toBeInTheDocument();
    expect(await screen.findByText("No tasks yet")).toBeInTheDocument();
    expect(requests[0]?.url.search).toBe("?status=all&sort=created&order=desc&limit=20");
  });

  it("lists tasks and loads more with the cursor", async () => {
    const many = Array.from({ length: 25 }, (_, index) => makeTask(`Task ${index + 1}`));
    installFakeTasksApi(many);
    const { user } = setup();
    await screen.findByText("Task 1");
    expect(titles()).toHaveLength(20);

    await user.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText("Task 25");
    expect(titles()).toHaveLength(25);
    expect(requests.at(-1)?.url.searchParams.get("cursor")).toBe("20");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("refetches with the chosen filter and sort", async () => {
    installFakeTasksApi([makeTask("Open"), makeTask("Shipped", { completed: true })]);
    const { user } = setup();
    await screen.findByText("Open");

    await user.click(screen.getByRole("button", { name: "Completed" }));
    await waitFor(() => expect(titles()).toEqual(["Shipped"]));
    expect(screen.getByRole("button", { name: "Completed" })).toHaveAttribute("aria-pressed", "true");

    await user.selectOptions(screen.getByLabelText("Sort by"), "title");
    await user.selectOptions(screen.getByLabelText("Order"), "desc");
    await waitFor(() =>
      expect(requests.at(-1)?.url.search).toBe("?status=completed&sort=title&order=desc&limit=20"),
    );
  });

  it("adds a task at once and keeps it when the API accepts it", async () => {
    const api = installFakeTasksApi([makeTask("Existing")]);
    const { user } = setup();
    await screen.findByText("Existing");

    const gate = deferred<void>();
    api.holdNext(gate.promise);
    await user.type(screen.getByLabelText("New task"), "  Buy milk  ");
    await user.type(screen.getByLabelText("Description (optional)"), "Two litres");
    await user.click(screen.getByRole("button", { name: "Add task" }));

    // Optimistic: shown before the API answered, with the form busy.
    expect(titles()).toEqual(["Buy milk", "Existing"]);
    expect(screen.getByRole("button", { name: "Adding…" })).toBeDisabled();

    gate.resolve();
    await waitFor(() => expect(screen.getByLabelText("New task")).toHaveValue(""));
    expect(requests.at(-1)?.body).toEqual({ title: "Buy milk", description: "Two litres" });
    expect(api.tasks.map((task) => task.title)).toEqual(["Buy milk", "Existing"]);
  });

  it("validates the title before sending", async () => {
    installFakeTasksApi([]);
    const { user } = setup();
    await screen.findByText("No tasks yet");
    const before = requests.length;
    await user.type(screen.getByLabelText("New task"), "   ");
    await user.click(screen.getByRole("button", { name: "Add task" }));
    expect(screen.getByLabelText("New task")).toHaveAccessibleDescription("Enter a title.");
    expect(screen.getByLabelText("New task")).toHaveFocus();
    expect(requests).toHaveLength(before);
  });

  it("rolls a new task back and shows the API's message when it is refused", async () => {
    const api = installFakeTasksApi([]);
    const { user } = setup();
    await screen.findByText("No tasks yet");
    api.failNext(() => json(503, { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable." }));
    await user.type(screen.getByLabelText("New task"), "Doomed");
    await user.click(screen.getByRole("button", { name: "Add task" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The service is temporarily unavailable.");
    expect(titles()).toEqual([]);
    expect(screen.getByText("No tasks yet")).toBeInTheDocument();
    expect(screen.getByLabelText("New task")).toHaveValue("Doomed");
  });

  it("toggles optimistically and rolls back on error", async () => {
    const api = installFakeTasksApi([makeTask("Water plants")]);
    const { user } = setup();
    const checkbox = await screen.findByRole("checkbox", { name: 'Mark "Water plants" as done' });

    await user.click(checkbox);
    await waitFor(() => expect(api.tasks[0]?.completed).toBe(true));
    expect(screen.getByRole("checkbox", { name: 'Mark "Water plants" as not done' })).toBeChecked();

    const gate = deferred<void>();
    api.holdNext(gate.promise);
    api.failNext(() => json(500, { code: "INTERNAL_ERROR", message: "Something broke on our side." }));
    await user.click(screen.getByRole("checkbox", { name: 'Mark "Water plants" as not done' }));
    // Flipped at once, disabled while in flight.
    const flipped = screen.getByRole("checkbox", { name: 'Mark "Water plants" as done' });
    expect(flipped).not.toBeChecked();
    expect(flipped).toBeDisabled();

    gate.resolve();
    expect(await screen.findByRole("alert")).toHaveTextContent("Something broke on our side.");
    expect(screen.getByRole("checkbox", { name: 'Mark "Water plants" as not done' })).toBeChecked();
  });

  it("hides a task completed under the Pending filter", async () => {
    installFakeTasksApi([makeTask("Pay rent")]);
    const { user } = setup();
    await screen.findByText("Pay rent");
    await user.click(screen.getByRole("button", { name: "Pending" }));
    await user.click(await screen.findByRole("checkbox", { name: 'Mark "Pay rent" as done' }));
    expect(await screen.findByText("Nothing pending")).toBeInTheDocument();
  });

  it("edits title and description, and reopens the editor if the API refuses", async () => {
    const api = installFakeTasksApi([makeTask("Draft", { description: "old" })]);
    const { user } = setup();
    await user.click(await screen.findByRole("button", { name: 'Edit "Draft"' }));

    const title = screen.getByLabelText("Title");
    expect(title).toHaveFocus();
    await user.clear(title);
    await user.type(title, "Final");
    await user.clear(screen.getByLabelText("Description"));
    await user.type(screen.getByLabelText("Description"), "new text");
    await user.click(screen.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(api.tasks[0]).toMatchObject({ title: "Final", description: "new text" }));
    expect(screen.getByText("new text")).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: "PUT", body: { title: "Final", description: "new text" } });

    api.failNext(() => json(500, { code: "INTERNAL_ERROR", message: "Could not save." }));
    await user.click(screen.getByRole("button", { name: 'Edit "Final"' }));
    await user.type(screen.getByLabelText("Title"), "!");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not save.");
    expect(screen.getByLabelText("Title")).toHaveValue("Final!");
    await user.keyboard("{Escape}");
    expect(screen.getByText("Final")).toBeInTheDocument();
  });

  it("refuses an empty title while editing", async () => {
    installFakeTasksApi([makeTask("Keep me")]);
    const { user } = setup();
    await user.click(await screen.findByRole("button", { name: 'Edit "Keep me"' }));
    const before = requests.length;
    await user.clear(screen.getByLabelText("Title"));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Enter a title.");
    expect(requests).toHaveLength(before);
  });

  it("deletes only after confirmation and restores the task if the API refuses", async () => {
    const api = installFakeTasksApi([makeTask("First"), makeTask("Second")]);
    const { user } = setup();
    await user.click(await screen.findByRole("button", { name: 'Delete "First"' }));

    const dialog = screen.getByRole("alertdialog", { name: 'Delete "First"?' });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(titles()).toEqual(["First", "Second"]);

    api.failNext(() => json(500, { code: "INTERNAL_ERROR", message: "Delete failed." }));
    await user.click(screen.getByRole("button", { name: 'Delete "First"' }));
    await user.click(screen.getByRole("button", { name: "Delete task" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Delete failed.");
    expect(titles()).toEqual(["First", "Second"]);

    await user.click(screen.getByRole("button", { name: 'Delete "First"' }));
    await user.click(screen.getByRole("button", { name: "Delete task" }));
    await waitFor(() => expect(titles()).toEqual(["Second"]));
    expect(api.tasks.map((task) => task.title)).toEqual(["Second"]);
  });

  it("drops a task that was deleted elsewhere, saying so", async () => {
    const api = installFakeTasksApi([makeTask("Ghost"), makeTask("Real")]);
    const { user } = setup();
    await screen.findByText("Ghost");
    api.tasks = api.tasks.filter((task) => task.title !== "Ghost");
    await user.click(screen.getByRole("checkbox", { name: 'Mark "Ghost" as done' }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Task not found.");
    expect(titles()).toEqual(["Real"]);
  });

  it("hands a 401 to onUnauthorized instead of showing an error", async () => {
    const api = installFakeTasksApi([]);
    api.failNext(() => json(401, { code: "UNAUTHORIZED", message: "Sign in to continue." }));
    const { onUnauthorized } = setup();
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows a load failure with a way to retry", async () => {
    const api = installFakeTasksApi([makeTask("Back again")]);
    api.failNext(() => json(503, { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable." }));
    const { user } = setup();
    expect(await screen.findByRole("alert")).toHaveTextContent("The service is temporarily unavailable.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Back again")).toBeInTheDocument();
  });
});
