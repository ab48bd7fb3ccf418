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
  startNext,
  uniqueEmail,
  uniqueSourceIp,
} from "./support.mjs";

const TOKEN_KEY = "lambda-tasks.bearer-token";

let browser;
let stopNext;

before(async () => {
  assertBuiltFor(API_URL);
  await assertApiReady();
  stopNext = await startNext();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopNext?.();
});

/** A fresh browser context that is its own client (own storage, own fake source address). */
async function newClient(viewport = { width: 1280, height: 800 }) {
  const sourceIp = uniqueSourceIp();
  const context = await browser.newContext({ viewport, extraHTTPHeaders: { [SOURCE_IP_HEADER]: sourceIp } });
  context.setDefaultTimeout(15_000);
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
  // The form empties itself once the API has accepted the task.
  await eventually(async () => assert.equal(await page.getByLabel("New task").inputValue(), ""));
  await taskItem(page, title).waitFor();
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

    // Sort by title, both ways.
    await page.getByLabel("Sort by").selectOption("title");
    await page.getByLabel("Order").selectOption("asc");
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
    await page.getByRole("button", { name: "Delete task" }).click();
    await taskItem(page, "Write the report").waitFor({ state: "detached" });

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

  test("works at phone width", async () => {
    const { context, page, sourceIp } = await newClient({ width: 390, height: 844 });
    const account = await createAccount("mobile", sourceIp);
    await page.goto(`${WEB_URL}/signin`);
    await signIn(page, account.email);
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await addTask(page, "Tiny screen task");
    await page.getByRole("checkbox", { name: 'Mark "Tiny screen task" as done' }).check();
    await page.getByRole("checkbox", { name: 'Mark "Tiny screen task" as not done' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "no horizontal scrolling at 390 px");
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
});
