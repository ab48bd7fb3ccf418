/**
 * End-to-end: Debian's Chromium, driven by playwright-core, against the production build served
 * by `next start` and the real local API.
 *
 * Before `npm run test:e2e`:
 *   1. The local API is running at E2E_API_URL (default http://127.0.0.1:4000), started with
 *      LOCAL_TRUST_SOURCE_IP_HEADER=1 so that each case can be its own client address
 *      (X-Local-Source-Ip, a test-only header) with its own sign-in rate-limit budget:
 *        LOCAL_TRUST_SOURCE_IP_HEADER=1 .venv/bin/python -m infra.local.gateway --port 4000
 *      and its CORS_ORIGINS allow http://127.0.0.1:3000 (the default).
 *   2. The app was built for that API:
 *        NEXT_PUBLIC_API_URL=http://127.0.0.1:4000 NEXT_PUBLIC_API_KEY=local-dev-api-key npm run build
 * The test starts `next start` on 127.0.0.1:E2E_WEB_PORT (default 3000) and stops it at the end.
 * Other variables: E2E_API_KEY (default $API_KEY or local-dev-api-key), CHROMIUM_PATH
 * (default /usr/bin/chromium). Every run uses new accounts (timestamped emails).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import {
  API_KEY,
  API_URL,
  PASSWORD,
  SOURCE_IP_HEADER,
  WEB_URL,
  api,
  assertApiReady,
  assertBuiltFor,
  createAccount,
  createTask,
  eventually,
  launchChromium,
  resetLinkFor,
  startNext,
  uniqueEmail,
  uniqueSourceIp,
} from "./support.mjs";
import { recordCspViolations, seriousAxeViolations } from "./audit.mjs";
import { countByRoute, formatCounts, overBudget, recordApiRequests } from "./requests.mjs";

const TOKEN_KEY = "lambda-tasks.bearer-token";
const FIREFOX_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };

let browser;
let stopNext;
/** Every CSP violation any page of the suite reported (the injected-script test keeps its own). */
const cspViolations = [];

before(async () => {
  assertBuiltFor(API_URL);
  await assertApiReady();
  stopNext = await startNext();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopNext?.();
  assert.deepEqual(cspViolations, [], "no page of the suite broke the Content-Security-Policy");
});

/** A fresh browser context that is its own client (own storage, own fake source address). */
async function newClient(viewport = DESKTOP, { violations = cspViolations, token } = {}) {
  const sourceIp = uniqueSourceIp();
  const context = await browser.newContext({ viewport, extraHTTPHeaders: { [SOURCE_IP_HEADER]: sourceIp } });
  context.setDefaultTimeout(15_000);
  await recordCspViolations(context, violations);
  if (token) await context.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [TOKEN_KEY, token]);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  return { context, page, sourceIp, errors };
}

async function signIn(page, email, password = PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function addTask(page, title, description = "") {
  await page.getByLabel("New task").fill(title);
  if (description) await page.getByLabel("Description (optional)").fill(description);
  await page.getByRole("button", { name: "Add task" }).click();
  await eventually(async () => assert.equal(await page.getByLabel("New task").inputValue(), ""));
  await settled(page, title);
}

/** Waits until the task is listed and the API has answered for it (no request in flight). */
async function settled(page, title) {
  const item = taskItem(page, title);
  await item.waitFor();
  await eventually(async () => assert.equal(await item.getAttribute("aria-busy"), null));
}

/** Presses Tab (or Shift+Tab) until `target` has focus: how a keyboard user gets somewhere. */
async function tabTo(page, target, { backward = false, limit = 40 } = {}) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backward ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${limit} presses of ${backward ? "Shift+Tab" : "Tab"} did not reach ${target}`);
}

async function assertFocused(target, what) {
  await eventually(async () =>
    assert.ok(await target.evaluate((element) => element === document.activeElement), `${what} has focus`),
  );
}

/** Titles in the list, in order (empty when the empty state shows). */
async function taskTitles(page) {
  const list = page.getByRole("list", { name: "Tasks" });
  if ((await list.count()) === 0) return [];
  return list.getByTestId("task-title").allTextContents();
}

async function titlesAfterSettling(page) {
  await page.getByRole("status", { name: "Loading tasks" }).waitFor({ state: "detached" });
  return taskTitles(page);
}

/** The alert inside the page's own content (Next.js also has a route announcer with role=alert). */
function pageAlert(page) {
  return page.locator("main").getByRole("alert");
}

function taskItem(page, title) {
  return page.getByTestId("task-item").filter({ has: page.getByText(title, { exact: true }) });
}

describe("lambda-tasks in a real browser", () => {
  test("sign up, reload keeps the session, sign out, /dashboard asks to sign in again", async () => {
    const { context, page, errors } = await newClient();
    const email = uniqueEmail("signup");

    await page.goto(`${WEB_URL}/`);
    await page.waitForURL(`${WEB_URL}/signin`);
    await page.getByRole("link", { name: "Create one" }).click();
    await page.waitForURL(`${WEB_URL}/signup`);

    // Validation before anything is sent.
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Enter your name.").waitFor();
    await page.getByLabel("Name").fill("Grace Hopper");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Password must be at least 8 characters.").waitFor();

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByRole("heading", { name: "Your tasks" }).waitFor();
    // A new account is welcomed, not welcomed back.
    await page.getByText("Welcome, Grace.").waitFor();
    assert.equal(await page.getByText("Welcome back").count(), 0);
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor();
    await page.getByText("No tasks yet").waitFor();
    assert.ok(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), "token kept in localStorage");

    await page.reload();
    await page.getByTestId("user-name").filter({ hasText: "Grace Hopper" }).waitFor();
    assert.equal(page.url(), `${WEB_URL}/dashboard`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${WEB_URL}/signin`);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), null);

    await page.goto(`${WEB_URL}/dashboard`);
    await page.waitForURL(`${WEB_URL}/signin?next=/dashboard`);

    // Signing up again with the same email (other case) shows the API's message.
    await page.goto(`${WEB_URL}/signup`);
    await page.getByLabel("Name").fill("Grace Again");
    await page.getByLabel("Email").fill(email.toUpperCase());
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    const alert = pageAlert(page);
    await eventually(async () => assert.match(await alert.innerText(), /already exists/i));

    assert.deepEqual(errors, []);
    await context.close();
  });

  test("sign in returns to /dashboard, then create, edit, toggle, filter, sort and delete tasks", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("crud", sourceIp, "Alan Turing");

    await page.goto(`${WEB_URL}/dashboard`);
    await page.waitForURL(`${WEB_URL}/signin?next=/dashboard`);
    await signIn(page, account.email, "wrong password");
    const alert = pageAlert(page);
    await eventually(async () => assert.equal(await alert.innerText(), "Invalid email or password."));

    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByText("No tasks yet").waitFor();
    await page.getByText("Welcome back, Alan.").waitFor();

    await addTask(page, "Write the report", "Sections 1 to 3");
    await addTask(page, "Buy coffee");
    await addTask(page, "Answer email");
    await eventually(async () =>
      assert.deepEqual(await taskTitles(page), ["Answer email", "Buy coffee", "Write the report"]),
    );
    await page.getByText("Sections 1 to 3").waitFor();

    // Title required (after trimming), checked before sending.
    await page.getByLabel("New task").fill("   ");
    await page.getByRole("button", { name: "Add task" }).click();
    await page.getByText("Enter a title.").waitFor();
    await page.getByLabel("New task").fill("");

    // Edit title and description.
    await page.getByRole("button", { name: 'Edit "Buy coffee"' }).click();
    await page.getByLabel("Title", { exact: true }).fill("Buy coffee beans");
    await page.getByLabel("Description", { exact: true }).fill("Whole beans, medium roast");
    await page.getByRole("button", { name: "Save" }).click();
    await taskItem(page, "Buy coffee beans").getByText("Whole beans, medium roast").waitFor();

    // Toggle complete.
    await page.getByRole("checkbox", { name: 'Mark "Answer email" as done' }).check();
    await page.getByRole("checkbox", { name: 'Mark "Answer email" as not done' }).waitFor();
    await eventually(async () => {
      const listed = await api("GET", "/api/tasks?status=completed", { token: account.token, sourceIp });
      assert.deepEqual(listed.body.items.map((task) => task.title), ["Answer email"]);
    });

    // Filters.
    await page.getByRole("button", { name: "Completed", exact: true }).click();
    await eventually(async () => assert.deepEqual(await titlesAfterSettling(page), ["Answer email"]));
    await page.getByRole("button", { name: "Pending", exact: true }).click();
    await eventually(async () =>
      assert.deepEqual(await titlesAfterSettling(page), ["Buy coffee beans", "Write the report"]),
    );
    await page.getByRole("button", { name: "All", exact: true }).click();

    // Sort by title, both ways: choosing Title starts A to Z.
    await page.getByLabel("Sort by").selectOption("title");
    assert.equal(await page.getByLabel("Order").inputValue(), "asc");
    await eventually(async () =>
      assert.deepEqual(await titlesAfterSettling(page), ["Answer email", "Buy coffee beans", "Write the report"]),
    );
    await page.getByLabel("Order").selectOption("desc");
    await eventually(async () =>
      assert.deepEqual(await titlesAfterSettling(page), ["Write the report", "Buy coffee beans", "Answer email"]),
    );

    // Delete, with confirmation (cancel first).
    await page.getByRole("button", { name: 'Delete "Write the report"' }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    assert.equal(await taskItem(page, "Write the report").count(), 1);
    await page.getByRole("button", { name: 'Delete "Write the report"' }).click();
    const deleted = page.waitForResponse((response) => response.request().method() === "DELETE");
    await page.getByRole("button", { name: "Delete task" }).click();
    await taskItem(page, "Write the report").waitFor({ state: "detached" });
    // The list drops the task before the server answers; a reload must not overtake the delete.
    assert.equal((await deleted).status(), 204);

    // Everything survived on the server: a reload shows the same state.
    await page.reload();
    await page.getByRole("list", { name: "Tasks" }).waitFor();
    assert.deepEqual(await titlesAfterSettling(page), ["Answer email", "Buy coffee beans"]);
    assert.ok(await page.getByRole("checkbox", { name: 'Mark "Answer email" as not done' }).isChecked());
    await page.getByText("Whole beans, medium roast").waitFor();

    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a second user cannot see the first user's tasks", async () => {
    const first = await newClient();
    const ownerIp = first.sourceIp;
    const owner = await createAccount("owner", ownerIp, "Owner");
    const secret = await createTask(owner.token, ownerIp, "Owner's secret plan", "for the owner only");

    await first.page.goto(`${WEB_URL}/signin`);
    await signIn(first.page, owner.email);
    await first.page.waitForURL(`${WEB_URL}/dashboard`);
    await first.page.getByText("Owner's secret plan").waitFor();

    const second = await newClient();
    const intruder = await createAccount("intruder", second.sourceIp, "Intruder");
    await second.page.goto(`${WEB_URL}/signin`);
    await signIn(second.page, intruder.email);
    await second.page.waitForURL(`${WEB_URL}/dashboard`);
    await second.page.getByText("No tasks yet").waitFor();
    assert.equal(await second.page.getByText("Owner's secret plan").count(), 0);

    // With the intruder's own token the task does not exist at all.
    const token = await second.page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    for (const [method, route, body] of [
      ["GET", `/api/tasks/${secret.id}`],
      ["PUT", `/api/tasks/${secret.id}`, { title: "mine now" }],
      ["PATCH", `/api/tasks/${secret.id}/complete`],
      ["DELETE", `/api/tasks/${secret.id}`],
    ]) {
      const result = await api(method, route, { token, body, sourceIp: second.sourceIp });
      assert.equal(result.status, 404, `${method} ${route}`);
      assert.equal(result.body.code, "NOT_FOUND");
    }
    const still = await api("GET", `/api/tasks/${secret.id}`, { token: owner.token, sourceIp: ownerIp });
    assert.equal(still.body.title, "Owner's secret plan");

    assert.deepEqual([...first.errors, ...second.errors], []);
    await first.context.close();
    await second.context.close();
  });

  test("load more follows nextCursor", async () => {
    const { context, page, sourceIp } = await newClient();
    const account = await createAccount("paging", sourceIp);
    for (let index = 1; index <= 23; index += 1) {
      await createTask(account.token, sourceIp, `Paged task ${String(index).padStart(2, "0")}`);
    }
    await page.goto(`${WEB_URL}/signin`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByRole("list", { name: "Tasks" }).waitFor();
    assert.equal((await taskTitles(page)).length, 20);
    await page.getByRole("button", { name: "Load more" }).click();
    await page.getByText("Paged task 01", { exact: true }).waitFor();
    const titles = await taskTitles(page);
    assert.equal(titles.length, 23);
    assert.equal(new Set(titles).size, 23);
    assert.equal(await page.getByRole("button", { name: "Load more" }).count(), 0);
    await context.close();
  });

  /**
   * What one typical visit asked of the API before the task list moved to TanStack Query (issue
   * 19), counted by this test: the move may remove requests, never add one.
   */
  const VISIT_BUDGET = {
    "GET /api/auth/get-session": 5,
    "POST /api/auth/sign-in/email": 1,
    "GET /api/tasks?status=all&sort=created&order=desc&limit=20": 4,
    "POST /api/tasks": 1,
    "PATCH /api/tasks/{id}/complete": 1,
    "PUT /api/tasks/{id}": 1,
    "DELETE /api/tasks/{id}": 1,
    "GET /api/tasks?status=completed&sort=created&order=desc&limit=20": 1,
    "GET /api/auth/list-sessions": 1,
    "POST /api/auth/sign-out": 1,
  };

  test("one typical visit makes no more API requests than it did before TanStack Query", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("visit", sourceIp, "Vic Visitor");
    for (const title of ["Third task", "Second task", "First task"]) await createTask(account.token, sourceIp, title);
    const requests = recordApiRequests(context);

    await page.goto(`${WEB_URL}/signin`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await settled(page, "First task");
    await addTask(page, "Fourth task");
    await page.getByRole("checkbox", { name: 'Mark "First task" as done' }).check();
    await settled(page, "First task");
    await page.getByRole("button", { name: 'Edit "Second task"' }).click();
    await page.getByLabel("Title", { exact: true }).fill("Second task, edited");
    await page.getByRole("button", { name: "Save" }).click();
    await settled(page, "Second task, edited");
    await page.getByRole("button", { name: 'Delete "Third task"' }).click();
    const deleted = page.waitForResponse((response) => response.request().method() === "DELETE");
    await page.getByRole("button", { name: "Delete task" }).click();
    await taskItem(page, "Third task").waitFor({ state: "detached" });
    await deleted; // the lists fetched next must not overtake it
    await page.getByRole("button", { name: "Completed", exact: true }).click();
    await eventually(async () => assert.deepEqual(await titlesAfterSettling(page), ["First task"]));
    await page.getByRole("button", { name: "All", exact: true }).click();
    await eventually(async () => assert.equal((await titlesAfterSettling(page)).length, 3));
    await openAccountPage(page);
    await page.getByRole("list", { name: "Signed-in devices" }).waitFor();
    await page.getByRole("link", { name: "Tasks" }).click();
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await settled(page, "Fourth task");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${WEB_URL}/signin`);
    await page.getByLabel("Email").waitFor();
    await sleep(1000); // anything still on its way is counted too

    const counted = countByRoute(requests);
    console.log(`API requests in one visit (${requests.length}):\n${formatCounts(counted)}`);
    console.log(`in order:\n  ${requests.join("\n  ")}`);
    assert.deepEqual(overBudget(counted, VISIT_BUDGET), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a session revoked elsewhere sends the user back to sign-in with the reason", async () => {
    const { context, page, sourceIp } = await newClient();
    const account = await createAccount("expiry", sourceIp);
    await page.goto(`${WEB_URL}/signin`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByText("No tasks yet").waitFor();

    const token = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    const revoked = await api("POST", "/api/auth/sign-out", { token, sourceIp });
    assert.equal(revoked.status, 200);

    await page.getByLabel("New task").fill("Too late");
    await page.getByRole("button", { name: "Add task" }).click();
    await page.waitForURL(`${WEB_URL}/signin?next=/dashboard&reason=expired`);
    await page.getByText("Your session has expired. Please sign in again.").waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), null);

    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByText("No tasks yet").waitFor();
    await context.close();
  });

  test("unknown pages show a not-found page, not a blank one", async () => {
    const { context, page } = await newClient();
    const response = await page.goto(`${WEB_URL}/no-such-page`);
    assert.equal(response.status(), 404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await context.close();
  });

  test("the 6th rapid sign-in attempt shows the rate-limit message with the seconds to wait", async () => {
    const { context, page, sourceIp } = await newClient();
    const account = await createAccount("ratelimit", sourceIp);
    await page.goto(`${WEB_URL}/signin`);
    const alert = pageAlert(page);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, account.email, `wrong password ${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      await eventually(async () => assert.equal(await alert.innerText(), "Invalid email or password."));
      await page.getByLabel("Password").fill("");
    }
    await signIn(page, account.email);
    await eventually(async () => assert.match(await alert.innerText(), /^Too many attempts\. Try again in \d+ seconds?\.$/));
    const seconds = Number((await alert.innerText()).match(/(\d+)/)[1]);
    assert.ok(seconds >= 1 && seconds <= 60, `wait ${seconds}s is within the 60 s window`);
    assert.equal(page.url(), `${WEB_URL}/signin`);

    // The page itself can read Retry-After cross-origin (the API exposes it), like the form does.
    const fromPage = await page.evaluate(
      async ({ apiUrl, apiKey, email }) => {
        const response = await fetch(`${apiUrl}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": apiKey },
          body: JSON.stringify({ email, password: "still wrong" }),
        });
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
      },
      { apiUrl: API_URL, apiKey: API_KEY, email: account.email },
    );
    assert.equal(fromPage.status, 429);
    assert.equal(fromPage.body.code, "RATE_LIMITED");
    assert.match(fromPage.retryAfter ?? "", /^\d+$/, "Retry-After is readable from the page");
    await context.close();
  });

  test("keyboard only: sign up, add three tasks with Enter, complete, edit and delete, sign out", async () => {
    const { context, page, errors } = await newClient();
    const email = uniqueEmail("keyboard");
    const { keyboard } = page;
    await page.goto(`${WEB_URL}/signup`);

    await tabTo(page, page.getByLabel("Name"));
    await keyboard.type("Kay Board");
    await keyboard.press("Tab");
    await keyboard.type(email);
    await keyboard.press("Tab");
    await keyboard.type(PASSWORD);
    await keyboard.press("Enter");
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByText("Welcome, Kay.").waitFor();

    // Three titles typed straight after each Enter: nothing waits, no character is lost.
    const title = page.getByLabel("New task");
    await tabTo(page, title);
    await keyboard.type("Water the plants");
    await keyboard.press("Enter");
    await keyboard.type("Call the bank");
    await keyboard.press("Enter");
    await keyboard.type("Book the dentist");
    await keyboard.press("Enter");
    for (const name of ["Water the plants", "Call the bank", "Book the dentist"]) await settled(page, name);
    assert.deepEqual((await taskTitles(page)).sort(), ["Book the dentist", "Call the bank", "Water the plants"]);
    assert.equal(await title.inputValue(), "");
    await assertFocused(title, "the title field, after adding");

    // Complete one with Space: focus stays on its checkbox.
    await tabTo(page, page.getByRole("checkbox", { name: 'Mark "Call the bank" as done' }));
    await keyboard.press("Space");
    const done = page.getByRole("checkbox", { name: 'Mark "Call the bank" as not done' });
    await done.waitFor();
    await settled(page, "Call the bank");
    assert.ok(await done.isChecked());
    await assertFocused(done, "the toggled task's checkbox");

    // Edit one: Enter opens the editor on the title (selected), Enter saves, focus returns to the task.
    await tabTo(page, page.getByRole("button", { name: 'Edit "Water the plants"' }));
    await keyboard.press("Enter");
    await assertFocused(page.getByLabel("Title", { exact: true }), "the editor's title");
    await keyboard.type("Water the garden");
    await keyboard.press("Enter");
    await settled(page, "Water the garden");
    await assertFocused(page.getByRole("button", { name: 'Edit "Water the garden"' }), "the edited task's Edit button");

    // Delete one: cancelling (Escape) returns to the Delete button; confirming moves to a neighbour.
    const deleteButton = page.getByRole("button", { name: 'Delete "Book the dentist"' });
    await tabTo(page, deleteButton, { backward: true });
    await keyboard.press("Enter");
    await assertFocused(page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }), "Cancel");
    await keyboard.press("Escape");
    await assertFocused(deleteButton, "the Delete button, after cancelling");
    await keyboard.press("Enter");
    await tabTo(page, page.getByRole("button", { name: "Delete task" }));
    await keyboard.press("Enter");
    await taskItem(page, "Book the dentist").waitFor({ state: "detached" });
    await eventually(async () =>
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "checkbox"),
    );
    await eventually(async () => assert.deepEqual((await taskTitles(page)).sort(), ["Call the bank", "Water the garden"]));

    // Sign out, then a wrong password: the field is emptied and focused for the retry.
    await tabTo(page, page.getByRole("button", { name: "Sign out" }), { backward: true });
    await keyboard.press("Enter");
    await page.waitForURL(`${WEB_URL}/signin`);
    await tabTo(page, page.getByLabel("Email"));
    await keyboard.type(email);
    await keyboard.press("Tab");
    await keyboard.type("not my password");
    await keyboard.press("Enter");
    await eventually(async () => assert.equal(await pageAlert(page).innerText(), "Invalid email or password."));
    const password = page.getByLabel("Password");
    await assertFocused(password, "the password field, after a failed sign-in");
    assert.equal(await password.inputValue(), "");
    await keyboard.type(PASSWORD);
    await keyboard.press("Enter");
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByText("Welcome back, Kay.").waitFor();

    assert.deepEqual(errors, []);
    await context.close();
  });

  test("on a 375 x 667 phone: the list on the first screen, 44 px touch targets, long descriptions clamped", async () => {
    const ip = uniqueSourceIp();
    const account = await createAccount("phone", ip, "Pat Phone");
    const long = Array.from({ length: 12 }, (_, index) => `Line of detail number ${index + 1} for this task.`).join(" ");
    await createTask(account.token, ip, "Plan the week", long);
    await createTask(account.token, ip, "Short one");
    const { context, page } = await newClient(PHONE, { token: account.token });
    await page.goto(`${WEB_URL}/dashboard`);
    await page.getByRole("list", { name: "Tasks" }).waitFor();

    // The first screen shows tasks; the add form waits behind a button.
    const first = await page.getByTestId("task-item").first().boundingBox();
    assert.ok(first && first.y + first.height <= PHONE.height, `first task ends at ${first?.y + first?.height}px`);
    assert.equal(await page.getByLabel("New task").isVisible(), false);

    const targets = {
      checkbox: page.getByTestId("task-checkbox-target").first(),
      edit: page.getByRole("button", { name: 'Edit "Short one"' }),
      delete: page.getByRole("button", { name: 'Delete "Short one"' }),
      "filter All": page.getByRole("button", { name: "All", exact: true }),
      "filter Pending": page.getByRole("button", { name: "Pending", exact: true }),
      "filter Completed": page.getByRole("button", { name: "Completed", exact: true }),
      "sort": page.getByLabel("Sort by"),
      "sign out": page.getByRole("button", { name: "Sign out" }),
      "add a task": page.getByRole("button", { name: "Add a task" }),
      "show more": page.getByRole("button", { name: "Show more" }),
    };
    for (const [name, target] of Object.entries(targets)) {
      const box = await target.boundingBox();
      assert.ok(box && box.width >= 44 && box.height >= 44, `${name} is ${box?.width}x${box?.height}, at least 44x44`);
    }
    // The checkbox's 44 px area is its label: tapping its edge ticks the box.
    const edge = await targets.checkbox.boundingBox();
    await page.mouse.click(edge.x + 3, edge.y + 3);
    await page.getByRole("checkbox", { name: 'Mark "Short one" as not done' }).waitFor();
    await settled(page, "Short one");

    // Three lines of the long description, then all of it on request.
    const description = taskItem(page, "Plan the week").getByTestId("task-description");
    const clamped = await description.boundingBox();
    assert.ok(clamped.height <= 3 * 24 + 1, `clamped to three lines (${clamped.height}px)`);
    await page.getByRole("button", { name: "Show more" }).click();
    await page.getByRole("button", { name: "Show less", expanded: true }).waitFor();
    assert.ok((await description.boundingBox()).height > clamped.height * 2, "expanded shows every line");

    // The add form opens with focus in the title, and closes again.
    await page.getByRole("button", { name: "Add a task" }).click();
    await assertFocused(page.getByLabel("New task"), "the title field");
    await page.keyboard.type("Tiny screen task");
    await page.keyboard.press("Enter");
    await settled(page, "Tiny screen task");
    await page.getByRole("button", { name: "Close" }).click();
    assert.equal(await page.getByLabel("New task").isVisible(), false);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "no horizontal scrolling at 375 px");
    await context.close();
  });

  test("axe finds no serious or critical problems on any page, signed in or out, desktop or phone", async () => {
    const ip = uniqueSourceIp();
    const account = await createAccount("axe", ip, "Axel Audit");
    const done = await createTask(account.token, ip, "Finished task", "Completed tasks must stay readable.");
    await api("PATCH", `/api/tasks/${done.id}/complete`, { token: account.token, sourceIp: ip });
    await createTask(account.token, ip, "Open task", "A".repeat(40) + " " + "detail ".repeat(80));

    const found = [];
    for (const viewport of [DESKTOP, PHONE]) {
      const signedOut = await newClient(viewport);
      for (const route of [
        "/signin",
        "/signin?next=/dashboard&reason=expired",
        "/signin?reason=deleted",
        "/signup",
        "/forgot-password",
        "/reset-password?token=not-checked-until-sent",
        "/reset-password?error=INVALID_TOKEN",
        "/no-such-page",
      ]) {
        await signedOut.page.goto(`${WEB_URL}${route}`);
        await signedOut.page.getByRole("heading", { level: 1 }).first().waitFor();
        found.push(...(await seriousAxeViolations(signedOut.page)));
      }
      // Field errors and the form's alert.
      await signedOut.page.goto(`${WEB_URL}/signup`);
      await signedOut.page.getByRole("button", { name: "Create account" }).click();
      await signedOut.page.getByText("Enter your name.").waitFor();
      found.push(...(await seriousAxeViolations(signedOut.page)));
      await signedOut.page.goto(`${WEB_URL}/forgot-password`);
      await signedOut.page.getByRole("button", { name: "Send reset link" }).click();
      await signedOut.page.getByText("Enter your email address.").waitFor();
      found.push(...(await seriousAxeViolations(signedOut.page)));
      await signedOut.page.getByLabel("Email").fill(uniqueEmail("axe-nobody"));
      await signedOut.page.getByRole("button", { name: "Send reset link" }).click();
      await signedOut.page.getByTestId("reset-sent").waitFor();
      found.push(...(await seriousAxeViolations(signedOut.page)));
      await signedOut.context.close();

      const signedIn = await newClient(viewport, { token: account.token });
      const { page } = signedIn;
      await page.goto(`${WEB_URL}/dashboard`);
      await settled(page, "Open task");
      found.push(...(await seriousAxeViolations(page)));
      if (viewport === PHONE) {
        await page.getByRole("button", { name: "Add a task" }).click();
        await page.getByLabel("New task").waitFor();
      }
      await page.getByRole("button", { name: 'Edit "Open task"' }).click();
      await page.getByLabel("Title", { exact: true }).waitFor();
      await page.getByRole("button", { name: 'Delete "Finished task"' }).click();
      await page.getByRole("alertdialog").waitFor();
      found.push(...(await seriousAxeViolations(page)));
      // The account page: sessions listed, a field error, the delete confirmation open.
      await page.goto(`${WEB_URL}/account`);
      await page.getByRole("list", { name: "Signed-in devices" }).waitFor();
      found.push(...(await seriousAxeViolations(page)));
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("Enter your password.").waitFor();
      await page.getByRole("button", { name: "Delete account…" }).click();
      await page.getByLabel("Your password").waitFor();
      found.push(...(await seriousAxeViolations(page)));
      await page.goto(`${WEB_URL}/no-such-page`);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      found.push(...(await seriousAxeViolations(page)));
      await signedIn.context.close();
    }
    assert.deepEqual(found, []);
  });

  test("the Content-Security-Policy: a fresh nonce per response, and an injected script does not run", async () => {
    const policies = [];
    for (const route of [
      "/signin",
      "/signup",
      "/dashboard",
      "/account",
      "/forgot-password",
      "/reset-password?token=abc",
      "/",
      "/no-such-page",
    ]) {
      const response = await fetch(`${WEB_URL}${route}`);
      const policy = response.headers.get("content-security-policy") ?? "";
      const html = await response.text();
      const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
      assert.ok(nonce, `${route} has a nonce in its CSP: ${policy}`);
      assert.match(html, new RegExp(`<script[^>]* nonce="${nonce.replace(/[+/=]/g, "\\$&")}"`), `${route} scripts carry it`);
      policies.push(policy);
    }
    const scriptSrc = policies[0].match(/script-src ([^;]*)/)[1];
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|strict-dynamic|\*/);
    assert.match(policies[0], new RegExp(`connect-src 'self' ${new URL(API_URL).origin}(;|$)`));
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
      assert.ok(policies[0].includes(directive), `CSP has ${directive}`);
    }
    assert.equal(new Set(policies).size, policies.length, "every response has its own nonce");

    const blocked = [];
    const { context, page } = await newClient(DESKTOP, { violations: blocked });
    await page.goto(`${WEB_URL}/signin`);
    await page.getByLabel("Email").waitFor();
    await page.evaluate((apiUrl) => {
      const inline = document.createElement("script");
      inline.textContent = "window.__injected = 'inline script ran';";
      document.body.append(inline);
      document.body.insertAdjacentHTML("beforeend", `<img src="/missing.png" onerror="window.__injected = 'handler ran'">`);
      const remote = document.createElement("script");
      remote.src = `${apiUrl}/api/tasks.js`;
      remote.onload = () => (window.__injected = "remote script ran");
      document.body.append(remote);
    }, API_URL);
    await eventually(async () => assert.ok(blocked.length >= 3, `three refusals reported: ${blocked.join("\n")}`));
    assert.equal(await page.evaluate(() => window.__injected), undefined);
    await context.close();
  });
});


/** Signs in through the API as another device (its own User-Agent); answers that device's token. */
async function signInElsewhere(email, sourceIp, password = PASSWORD) {
  const result = await api("POST", "/api/auth/sign-in/email", {
    body: { email, password },
    sourceIp,
    headers: { "user-agent": FIREFOX_UA },
  });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.headers.get("set-auth-token");
}

/** What get-session says about a token: the session, or null once it is revoked. */
async function sessionOf(token, sourceIp) {
  const result = await api("GET", "/api/auth/get-session", { token, sourceIp });
  assert.equal(result.status, 200);
  return result.body;
}

async function openAccountPage(page) {
  await page.getByRole("link", { name: "Account" }).click();
  await page.waitForURL(`${WEB_URL}/account`);
  await page.getByRole("heading", { name: "Your account", level: 1 }).waitFor();
}

describe("account management in a real browser", () => {
  test("rename: the header and a reload show the new name; focus returns to the field", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("rename", sourceIp, "Ada Byron");
    await page.goto(`${WEB_URL}/signin`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await openAccountPage(page);
    assert.equal(await page.getByRole("link", { name: "Account" }).getAttribute("aria-current"), "page");

    const name = page.getByLabel("Name", { exact: true });
    assert.equal(await name.inputValue(), "Ada Byron");
    await name.fill("   ");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByText("Enter your name.").waitFor();
    await name.fill("Ada Lovelace");
    await name.press("Enter");
    await page.getByText("Your name has been saved.").waitFor();
    await assertFocused(name, "the name field, after saving");
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor();
    assert.equal((await sessionOf(account.token, sourceIp)).user.name, "Ada Lovelace");

    await page.reload();
    await page.getByTestId("user-name").filter({ hasText: "Ada Lovelace" }).waitFor();
    await page.getByRole("link", { name: "Tasks" }).click();
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByText("Welcome back, Ada.").waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("change password with sign-out of other devices: this device stays in, the old password and the other device are out", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("password", sourceIp, "Pass Word");
    const elsewhere = await signInElsewhere(account.email, sourceIp);
    await page.goto(`${WEB_URL}/signin?next=/account`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/account`);
    const before = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);

    const newPassword = "ein neues Passwort für später ✓"; // any script, more bytes than characters
    await page.getByLabel("Current password").fill("not the password");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    assert.ok(await page.getByRole("checkbox", { name: "Sign out of all other devices" }).isChecked());
    await page.getByRole("button", { name: "Change password" }).click();
    await eventually(async () => assert.equal(await pageAlert(page).innerText(), "That password is not correct."));
    await assertFocused(page.getByLabel("Current password"), "the emptied current password");

    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByText("Your password has been changed, and every other device has been signed out.").waitFor();

    // This device carries on with the new token; the other device's session is gone.
    const after = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    assert.ok(after && after !== before, "a new token is stored for this device");
    assert.equal(await sessionOf(elsewhere, sourceIp), null);
    assert.equal(await sessionOf(before, sourceIp), null);
    await page.reload();
    await page.getByRole("heading", { name: "Your account", level: 1 }).waitFor();
    await eventually(async () => assert.equal(await page.getByTestId("session-item").count(), 1));

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(`${WEB_URL}/signin`);
    await signIn(page, account.email);
    await eventually(async () => assert.equal(await pageAlert(page).innerText(), "Invalid email or password."));
    await signIn(page, account.email, newPassword);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("sessions: this device marked, another revoked by its button, then everywhere else at once", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("sessions", sourceIp, "Sess Ions");
    const first = await signInElsewhere(account.email, sourceIp);
    await page.goto(`${WEB_URL}/signin?next=/account`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/account`);

    // The sign-up's session, the Firefox one and this one.
    const items = page.getByTestId("session-item");
    await eventually(async () => assert.equal(await items.count(), 3));
    const current = items.filter({ hasText: "This device" });
    assert.equal(await current.count(), 1);
    assert.equal(await current.getByRole("button").count(), 0);
    assert.match(await items.first().innerText(), /Chrome on Linux[\s\S]*This device/);

    const firefox = page.getByRole("button", { name: /^Revoke Firefox on Windows/ });
    await firefox.click();
    await page.getByText("Firefox on Windows has been signed out.").waitFor();
    await eventually(async () => assert.equal(await items.count(), 2));
    assert.equal(await sessionOf(first, sourceIp), null);
    // Focus moves on to the next device's button.
    await eventually(async () =>
      assert.match(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""), /^Revoke /),
    );

    const second = await signInElsewhere(account.email, sourceIp);
    await page.reload();
    await eventually(async () => assert.equal(await items.count(), 3));
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await page.getByText("Every other device has been signed out.").waitFor();
    await eventually(async () => assert.equal(await items.count(), 1));
    await page.getByText("You are not signed in anywhere else.").waitFor();
    assert.equal(await sessionOf(second, sourceIp), null);
    assert.equal(await sessionOf(account.token, sourceIp), null);
    assert.ok(await sessionOf(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), sourceIp));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("forgot password: the emailed link (from the outbox) leads to a new password; the link works once", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("reset", sourceIp, "Re Set");
    await page.goto(`${WEB_URL}/signin`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(`${WEB_URL}/forgot-password`);

    // An unknown address gets the very same answer.
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Send reset link" }).click();
    const sent = page.getByTestId("reset-sent");
    await sent.waitFor();
    const unknownAnswer = (await sent.innerText()).replace(/\S+@example\.com/, "<email>");
    await page.getByRole("button", { name: "Use another email" }).click();

    const since = Date.now();
    await page.getByLabel("Email").fill(account.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await sent.waitFor();
    assert.equal((await sent.innerText()).replace(/\S+@example\.com/, "<email>"), unknownAnswer);
    await assertFocused(sent, "the confirmation");

    // The emailed link is public: the browser opens it as a mail client would, no API key.
    const link = await resetLinkFor(account.email, since);
    await page.goto(link);
    assert.match(page.url(), new RegExp(`^${WEB_URL}/reset-password\\?token=[\\w-]+$`));
    const newPassword = "a brand new passphrase";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill("a different one");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("The two passwords do not match.").waitFor();
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL(`${WEB_URL}/signin?reason=password-reset`);
    await page.getByText("Your password has been changed. Sign in with your new password.").waitFor();
    assert.equal(await sessionOf(account.token, sourceIp), null, "every session ends with a reset");

    await signIn(page, account.email, newPassword);
    await page.waitForURL(`${WEB_URL}/dashboard`);

    // The same link again: spent.
    await page.goto(link);
    assert.equal(page.url(), `${WEB_URL}/reset-password?error=INVALID_TOKEN`);
    await page.getByText("This password reset link is invalid or has expired. Request a new one.").waitFor();
    await page.getByRole("link", { name: "Request a new link" }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("delete account: a wrong password is refused, the right one deletes everything and says so", async () => {
    const { context, page, sourceIp, errors } = await newClient();
    const account = await createAccount("delete", sourceIp, "Del Ete");
    await createTask(account.token, sourceIp, "Goes with the account");
    await page.goto(`${WEB_URL}/signin?next=/account`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/account`);

    const open = page.getByRole("button", { name: "Delete account…" });
    await open.click();
    const password = page.getByLabel("Your password");
    await assertFocused(password, "the password, when the confirmation opens");
    await page.keyboard.press("Escape");
    await assertFocused(open, "the Delete account button, after cancelling");
    await page.keyboard.press("Enter");
    await password.fill("not my password");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await eventually(async () => assert.equal(await pageAlert(page).innerText(), "That password is not correct."));
    await assertFocused(password, "the emptied password");

    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${WEB_URL}/signin?reason=deleted`);
    await page.getByText("Your account and all its tasks have been deleted.").waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY), null);
    assert.equal(await sessionOf(account.token, sourceIp), null);

    await signIn(page, account.email);
    await eventually(async () => assert.equal(await pageAlert(page).innerText(), "Invalid email or password."));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("on a 375 x 667 phone the account page fits and its controls are 44 px targets", async () => {
    const ip = uniqueSourceIp();
    const account = await createAccount("phone-account", ip, "Pat Phone");
    await signInElsewhere(account.email, ip);
    const { context, page } = await newClient(PHONE, { token: account.token });
    await page.goto(`${WEB_URL}/account`);
    await page.getByRole("list", { name: "Signed-in devices" }).waitFor();
    const targets = {
      "Tasks link": page.getByRole("link", { name: "Tasks" }),
      "Account link": page.getByRole("link", { name: "Account" }),
      "sign out": page.getByRole("button", { name: "Sign out", exact: true }),
      "save name": page.getByRole("button", { name: "Save name" }),
      "name field": page.getByLabel("Name", { exact: true }),
      "sign out others checkbox": page.locator("label").filter({ hasText: "Sign out of all other devices" }),
      "change password": page.getByRole("button", { name: "Change password" }),
      revoke: page.getByRole("button", { name: /^Revoke Firefox on Windows/ }),
      "sign out everywhere else": page.getByRole("button", { name: "Sign out everywhere else" }),
      "delete account": page.getByRole("button", { name: "Delete account…" }),
    };
    for (const [name, target] of Object.entries(targets)) {
      const box = await target.boundingBox();
      assert.ok(box && box.width >= 44 && box.height >= 44, `${name} is ${box?.width}x${box?.height}, at least 44x44`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "no horizontal scrolling at 375 px");

    const signedOut = await newClient(PHONE);
    await signedOut.page.goto(`${WEB_URL}/signin`);
    const forgot = await signedOut.page.getByRole("link", { name: "Forgot your password?" }).boundingBox();
    assert.ok(forgot.height >= 44, `the forgot-password link is ${forgot.height}px tall`);
    await signedOut.context.close();
    await context.close();
  });
});
