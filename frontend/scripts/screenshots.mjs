/**
 * `npm run screenshots`: PNGs of each page into docs/screenshots/, taken with Debian's Chromium
 * (playwright-core) on the production build, against the real API.
 *
 * Needs: the API running at E2E_API_URL (default http://127.0.0.1:4000) and a build made with
 *   NEXT_PUBLIC_API_URL=$E2E_API_URL NEXT_PUBLIC_API_KEY=local-dev-api-key npm run build
 * Starts and stops `next start` on E2E_WEB_PORT (default 3000) itself.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

import {
  API_URL,
  FRONTEND_DIR,
  PASSWORD,
  SOURCE_IP_HEADER,
  WEB_URL,
  api,
  assertBuiltFor,
  createAccount,
  createTask,
  launchChromium,
  startNext,
  uniqueSourceIp,
} from "../e2e/support.mjs";

const OUT = path.join(FRONTEND_DIR, "docs", "screenshots");

const DEMO_TASKS = [
  { title: "Renew passport", description: "Photos are in the top drawer. Book the appointment online.", done: true },
  { title: "Draft Q3 planning doc", description: "Goals, risks and the hiring plan. Share with the team by Friday." },
  { title: "Call the plumber about the kitchen sink" },
  { title: "Buy birthday present for Sam", description: "Something from the wish list: the hiking book or the headphones." },
  { title: "Book flights to Lisbon", done: true },
  { title: "Review pull request #42", description: "Check the migration and the rate-limit tests." },
];

async function main() {
  assertBuiltFor(API_URL);
  mkdirSync(OUT, { recursive: true });
  const sourceIp = uniqueSourceIp();
  const account = await createAccount("screenshots", sourceIp, "Ada Lovelace");
  for (const task of [...DEMO_TASKS].reverse()) {
    const created = await createTask(account.token, sourceIp, task.title, task.description);
    if (task.done) await api("PATCH", `/api/tasks/${created.id}/complete`, { token: account.token, sourceIp });
  }

  const stopNext = await startNext();
  const browser = await launchChromium();
  try {
    const headers = { [SOURCE_IP_HEADER]: sourceIp };
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 860 }, extraHTTPHeaders: headers });
    const page = await desktop.newPage();

    await page.goto(`${WEB_URL}/signin`);
    await page.getByLabel("Email").waitFor();
    await page.screenshot({ path: path.join(OUT, "signin.png") });

    await page.goto(`${WEB_URL}/signup`);
    await page.getByLabel("Name").waitFor();
    await page.screenshot({ path: path.join(OUT, "signup.png") });

    await page.goto(`${WEB_URL}/signin?next=/dashboard`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${WEB_URL}/dashboard`);
    await page.getByRole("list", { name: "Tasks" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "dashboard.png"), fullPage: true });

    const token = await page.evaluate(() => window.localStorage.getItem("lambda-tasks.bearer-token"));
    const mobile = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      extraHTTPHeaders: headers,
    });
    await mobile.addInitScript((value) => window.localStorage.setItem("lambda-tasks.bearer-token", value), token);
    const phone = await mobile.newPage();
    await phone.goto(`${WEB_URL}/dashboard`);
    await phone.getByRole("list", { name: "Tasks" }).waitFor();
    await phone.screenshot({ path: path.join(OUT, "dashboard-mobile.png"), fullPage: true });

    // The account page, with a second device in the sessions list.
    await api("POST", "/api/auth/sign-in/email", {
      body: { email: account.email, password: PASSWORD },
      sourceIp,
      headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1" },
    });
    await page.goto(`${WEB_URL}/account`);
    await page.getByRole("list", { name: "Signed-in devices" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "account.png"), fullPage: true });
    await phone.goto(`${WEB_URL}/account`);
    await phone.getByRole("list", { name: "Signed-in devices" }).waitFor();
    await phone.screenshot({ path: path.join(OUT, "account-mobile.png"), fullPage: true });

    await page.goto(`${WEB_URL}/forgot-password`);
    await page.getByLabel("Email").waitFor();
    await page.screenshot({ path: path.join(OUT, "forgot-password.png") });

    console.log(`screenshots written to ${path.relative(process.cwd(), OUT) || OUT}`);
  } finally {
    await browser.close();
    await stopNext();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
