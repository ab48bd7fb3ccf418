/**
 * Shared by the end-to-end tests and the screenshot script: Debian's Chromium driven by
 * playwright-core, `next start` on the built app, and direct calls to the API for set-up.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";

import { chromium } from "playwright-core";

export const FRONTEND_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const API_URL = (process.env.E2E_API_URL || "http://127.0.0.1:4000").replace(/\/+$/, "");
export const API_KEY = process.env.E2E_API_KEY || process.env.API_KEY || "local-dev-api-key";
export const WEB_PORT = Number(process.env.E2E_WEB_PORT || 3000);
export const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const SOURCE_IP_HEADER = "X-Local-Source-Ip";
export const PASSWORD = "correct horse battery";
/** Where the local API keeps outgoing mail (EMAIL_TRANSPORT=outbox): its EMAIL_OUTBOX_DIR. */
export const OUTBOX_DIR = path.resolve(process.env.E2E_OUTBOX_DIR || path.join(FRONTEND_DIR, "..", ".local", "outbox"));

// Flags that let Debian's Chromium run as root in a sandbox with no outside network.
// playwright's launch() also gives every browser a fresh temporary --user-data-dir.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
let sequence = 0;

export function uniqueEmail(label) {
  sequence += 1;
  return `${label}-${RUN}-${sequence}@example.com`;
}

/** A fake client address for the local API's test-only header: each caller its own rate-limit budget. */
export function uniqueSourceIp() {
  sequence += 1;
  const seed = Date.now() + sequence * 7919;
  return `10.${(seed >> 16) & 255}.${(seed >> 8) & 255}.${(seed & 253) + 1}`;
}

export function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Fails early, with the fix, when the app was built for another API or not built at all. */
export function assertBuiltFor(apiUrl) {
  const buildId = path.join(FRONTEND_DIR, ".next", "BUILD_ID");
  const howTo = `NEXT_PUBLIC_API_URL=${apiUrl} NEXT_PUBLIC_API_KEY=${API_KEY} npm run build`;
  if (!existsSync(buildId)) throw new Error(`No production build: run first\n  ${howTo}`);
  const chunks = path.join(FRONTEND_DIR, ".next", "static", "chunks");
  const files = readdirSync(chunks, { recursive: true }).filter((name) => String(name).endsWith(".js"));
  const bakedIn = files.some((name) => readFileSync(path.join(chunks, String(name)), "utf8").includes(apiUrl));
  if (!bakedIn) throw new Error(`The build does not point at ${apiUrl}: rebuild with\n  ${howTo}`);
}

/** Starts `next start` on WEB_PORT and waits until it serves; returns a stop function. */
export async function startNext() {
  const nextBin = path.join(FRONTEND_DIR, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "--port", String(WEB_PORT), "--hostname", "127.0.0.1"], {
    cwd: FRONTEND_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${WEB_URL}/signin`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer on ${WEB_URL} within 60 s:\n${output}`);
    }
    await sleep(250);
  }

  return async function stop() {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
  };
}

/** A direct API call, as a given fake client address. */
export async function api(method, route, { token, body, sourceIp, headers = {} } = {}) {
  const response = await fetch(`${API_URL}${route}`, {
    method,
    headers: {
      "x-api-key": API_KEY,
      ...(sourceIp ? { [SOURCE_IP_HEADER]: sourceIp } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Creates an account through the API; returns its email, token and user. */
export async function createAccount(label, sourceIp, name = "E2E User") {
  const email = uniqueEmail(label);
  const result = await api("POST", "/api/auth/sign-up/email", { body: { email, password: PASSWORD, name }, sourceIp });
  if (result.status !== 200) throw new Error(`sign-up failed: ${result.status} ${JSON.stringify(result.body)}`);
  return { email, name, token: result.headers.get("set-auth-token"), user: result.body.user };
}

export async function createTask(token, sourceIp, title, description) {
  const result = await api("POST", "/api/tasks", { token, sourceIp, body: description ? { title, description } : { title } });
  if (result.status !== 201) throw new Error(`create task failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/**
 * Checks, before any browser starts, that the API allows this site's origin and trusts the
 * test-only source-address header (LOCAL_TRUST_SOURCE_IP_HEADER=1).
 */
export async function assertApiReady() {
  let response;
  try {
    response = await fetch(`${API_URL}/api/auth/sign-in/email`, {
      method: "OPTIONS",
      headers: {
        origin: WEB_URL,
        "access-control-request-method": "POST",
        "access-control-request-headers": `content-type,x-api-key,${SOURCE_IP_HEADER.toLowerCase()}`,
      },
    });
  } catch (error) {
    throw new Error(`The API is not reachable at ${API_URL}: start it first (${error.message})`);
  }
  if (!response.ok || response.headers.get("access-control-allow-origin") !== WEB_URL) {
    throw new Error(
      `The API at ${API_URL} does not allow the origin ${WEB_URL} (preflight answered ${response.status}): ` +
        `add it to the API's CORS_ORIGINS.`,
    );
  }
  const allowed = (response.headers.get("access-control-allow-headers") || "").toLowerCase();
  if (!allowed.includes(SOURCE_IP_HEADER.toLowerCase())) {
    throw new Error(
      `The API at ${API_URL} does not accept the ${SOURCE_IP_HEADER} header from ${WEB_URL}: ` +
        "start it with LOCAL_TRUST_SOURCE_IP_HEADER=1 (and this origin allowed by CORS_ORIGINS).",
    );
  }
}

/** The body of one outbox message (.eml, quoted-printable or plain). */
function messageText(raw) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return { head, body };
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return { head, body: Buffer.from(bytes, "latin1").toString("utf8") };
}

/** Waits for the newest reset email sent to `email` after `since` (ms) and answers its link. */
export async function resetLinkFor(email, since) {
  return eventually(
    () => {
      if (!existsSync(OUTBOX_DIR)) throw new Error(`no outbox at ${OUTBOX_DIR} (set E2E_OUTBOX_DIR to the API's EMAIL_OUTBOX_DIR)`);
      const messages = readdirSync(OUTBOX_DIR)
        .filter((name) => name.endsWith(".eml"))
        .map((name) => path.join(OUTBOX_DIR, name))
        .filter((file) => statSync(file).mtimeMs >= since - 1000)
        .map((file) => ({ file, mtime: statSync(file).mtimeMs, ...messageText(readFileSync(file, "utf8")) }))
        .filter((message) => new RegExp(`^To: ${email.replace(/[.+]/g, "\\$&")}$`, "im").test(message.head))
        .sort((a, b) => b.mtime - a.mtime);
      const link = messages[0]?.body.match(/https?:\/\/\S+\/api\/auth\/reset-password\/\S+/)?.[0];
      if (!link) throw new Error(`no reset email to ${email} in ${OUTBOX_DIR}`);
      return link;
    },
    { timeout: 15_000, interval: 200 },
  );
}

/** Polls until `check` stops throwing (for assertions on a page that is still settling). */
export async function eventually(check, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(interval);
    }
  }
}
