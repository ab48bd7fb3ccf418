import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { TaskBoard } from "@/components/tasks/TaskBoard";

import { deferred, json, requests } from "../fetch-mock";
import { installFakeTasksApi, makeTask } from "../fake-tasks-api";
import { QueryClientForTest } from "../query-client";

function setup(onUnauthorized = jest.fn()) {
  const user = userEvent.setup();
  render(<TaskBoard onUnauthorized={onUnauthorized} />, { wrapper: QueryClientForTest });
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

    // Optimistic: shown before the API answered; the form is already empty and ready for the next.
    expect(titles()).toEqual(["Buy milk", "Existing"]);
    expect(screen.getByLabelText("New task")).toHaveValue("");
    expect(screen.getByLabelText("New task")).toBeEnabled();
    await waitFor(() => expect(screen.getByLabelText("New task")).toHaveFocus());

    gate.resolve();
    await waitFor(() => expect(api.tasks).toHaveLength(2));
    expect(requests.at(-1)?.body).toEqual({ title: "Buy milk", description: "Two litres" });
    expect(api.tasks.map((task) => task.title)).toEqual(["Buy milk", "Existing"]);
  });

  it("shows a task added before the list had loaded, once the list is in, without asking again", async () => {
    const api = installFakeTasksApi([]);
    const gate = deferred<void>();
    // The first page as the API saw it before the new task was saved, arriving after it.
    api.answerNextListLate(gate.promise);
    const { user } = setup();
    await user.type(screen.getByLabelText("New task"), "Early bird{Enter}");
    await waitFor(() => expect(api.tasks).toHaveLength(1));

    gate.resolve();
    await waitFor(() => expect(titles()).toEqual(["Early bird"]));
    expect(requests.filter((request) => request.method === "GET")).toHaveLength(1);
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
    // Flipped at once; while in flight it refuses clicks but stays focusable (and focused).
    const flipped = screen.getByRole("checkbox", { name: 'Mark "Water plants" as done' });
    expect(flipped).not.toBeChecked();
    expect(flipped).toHaveAttribute("aria-disabled", "true");
    expect(flipped).toHaveFocus();
    const sent = requests.length;
    await user.click(flipped);
    expect(requests).toHaveLength(sent);

    gate.resolve();
    expect(await screen.findByRole("alert")).toHaveTextContent("Something broke on our side.");
    const restored = screen.getByRole("checkbox", { name: 'Mark "Water plants" as not done' });
    expect(restored).toBeChecked();
    expect(restored).toHaveFocus();
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

  describe("keyboard focus after each action", () => {
    it("adds tasks in a row with Enter, keeping what is typed while the last one saves", async () => {
      const api = installFakeTasksApi([]);
      const { user } = setup();
      await screen.findByText("No tasks yet");
      const gate = deferred<void>();
      api.holdNext(gate.promise);

      await user.click(screen.getByLabelText("New task"));
      await user.keyboard("First{Enter}");
      // Still saving "First": the next title goes straight into the field.
      await user.keyboard("Second");
      expect(screen.getByLabelText("New task")).toHaveFocus();
      expect(screen.getByLabelText("New task")).toHaveValue("Second");
      await user.keyboard("{Enter}Third{Enter}");

      gate.resolve();
      await waitFor(() => expect(api.tasks.map((task) => task.title).sort()).toEqual(["First", "Second", "Third"]));
      await waitFor(() =>
        expect(screen.getAllByRole("listitem").filter((item) => item.hasAttribute("aria-busy"))).toEqual([]),
      );
      expect(titles()).toEqual(["Third", "Second", "First"]);
      expect(screen.getByLabelText("New task")).toHaveValue("");
      expect(screen.getByLabelText("New task")).toHaveFocus();
    });

    it("moves focus back to the title field after adding with the button", async () => {
      installFakeTasksApi([]);
      const { user } = setup();
      await screen.findByText("No tasks yet");
      await user.type(screen.getByLabelText("New task"), "Clicked");
      await user.click(screen.getByRole("button", { name: "Add task" }));
      await screen.findByText("Clicked");
      await waitFor(() => expect(screen.getByLabelText("New task")).toHaveFocus());
    });

    it("puts focus on the task's Edit button after saving or cancelling an edit", async () => {
      const api = installFakeTasksApi([makeTask("Draft")]);
      const { user } = setup();
      await user.click(await screen.findByRole("button", { name: 'Edit "Draft"' }));
      await user.keyboard("{Control>}a{/Control}Final{Enter}");
      await waitFor(() => expect(api.tasks[0]?.title).toBe("Final"));
      await waitFor(() => expect(screen.getByRole("button", { name: 'Edit "Final"' })).toHaveFocus());

      await user.keyboard("{Enter}");
      expect(screen.getByLabelText("Title")).toHaveFocus();
      await user.keyboard("{Escape}");
      await waitFor(() => expect(screen.getByRole("button", { name: 'Edit "Final"' })).toHaveFocus());
    });

    it("returns focus to the Delete button after cancelling a delete, by button or Escape", async () => {
      installFakeTasksApi([makeTask("Keep")]);
      const { user } = setup();
      const deleteButton = await screen.findByRole("button", { name: 'Delete "Keep"' });
      await user.click(deleteButton);
      await user.click(screen.getByRole("button", { name: "Cancel" }));
      await waitFor(() => expect(screen.getByRole("button", { name: 'Delete "Keep"' })).toHaveFocus());

      await user.keyboard("{Enter}");
      expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();
      await user.keyboard("{Escape}");
      await waitFor(() => expect(screen.getByRole("button", { name: 'Delete "Keep"' })).toHaveFocus());
      expect(titles()).toEqual(["Keep"]);
    });

    it("moves focus to the next task after a delete, and to the list when it is empty", async () => {
      installFakeTasksApi([makeTask("One"), makeTask("Two")]);
      const { user } = setup();
      await user.click(await screen.findByRole("button", { name: 'Delete "One"' }));
      await user.click(screen.getByRole("button", { name: "Delete task" }));
      await waitFor(() => expect(screen.getByRole("checkbox", { name: 'Mark "Two" as done' })).toHaveFocus());

      await user.click(screen.getByRole("button", { name: 'Delete "Two"' }));
      await user.click(screen.getByRole("button", { name: "Delete task" }));
      await screen.findByText("No tasks yet");
      await waitFor(() => expect(screen.getByRole("heading", { name: "Task list" })).toHaveFocus());
    });

    it("keeps focus on the task's checkbox after toggling it with Space", async () => {
      const api = installFakeTasksApi([makeTask("Stretch")]);
      const { user } = setup();
      const checkbox = await screen.findByRole("checkbox", { name: 'Mark "Stretch" as done' });
      checkbox.focus();
      await user.keyboard(" ");
      await waitFor(() => expect(api.tasks[0]?.completed).toBe(true));
      const done = screen.getByRole("checkbox", { name: 'Mark "Stretch" as not done' });
      expect(done).toBeChecked();
      expect(done).toHaveFocus();
    });
  });

  it("sorts by title from A to Z when Title is chosen, ignoring case and accents", async () => {
    installFakeTasksApi([makeTask("Write"), makeTask("a very long"), makeTask("Écrire"), makeTask("buy")]);
    const { user } = setup();
    await screen.findByText("Write");
    await user.selectOptions(screen.getByLabelText("Sort by"), "title");
    expect(screen.getByLabelText("Order")).toHaveValue("asc");
    expect(within(screen.getByLabelText("Order")).getByRole("option", { selected: true })).toHaveTextContent("A to Z");
    await waitFor(() => expect(titles()).toEqual(["a very long", "buy", "Écrire", "Write"]));
    expect(requests.at(-1)?.url.search).toBe("?status=all&sort=title&order=asc&limit=20");

    await user.selectOptions(screen.getByLabelText("Sort by"), "updated");
    expect(screen.getByLabelText("Order")).toHaveValue("desc");
  });
});
