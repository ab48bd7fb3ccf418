/**
 * Contract test (issue 2): the genuine npm `better-auth` client, unchanged, against the Python
 * API over HTTP, using Better Auth's documented bearer pattern (token from `set-auth-token`,
 * sent back as `Authorization: Bearer`).
 *
 * Needs the local API already running:
 *   E2E_API_URL   API origin (default http://127.0.0.1:4000)
 *   E2E_API_KEY   x-api-key value (default: $API_KEY, else local-dev-api-key)
 *   E2E_ORIGIN    Origin header sent, must be an allowed CORS origin (default http://127.0.0.1:3000)
 * Run: npm run test:client
 */
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { before, describe, test } from "node:test";

import { createAuthClient } from "better-auth/client";

const API_URL = (process.env.E2E_API_URL || "http://127.0.0.1:4000").replace(/\/+$/, "");
const API_KEY = process.env.E2E_API_KEY || process.env.API_KEY || "local-dev-api-key";
const ORIGIN = process.env.E2E_ORIGIN || "http://127.0.0.1:3000";
// Its own rate-limit budget when the local API trusts this test-only header; ignored otherwise.
const SOURCE_IP = `10.77.${randomInt(0, 255)}.${randomInt(1, 255)}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One client as the frontend builds it, plus a record of every response it saw. */
function makeClient({ apiKey = API_KEY } = {}) {
  const state = { token: null, responses: [] };
  const client = createAuthClient({
    baseURL: `${API_URL}/api/auth`,
    fetchOptions: {
      headers: {
        ...(apiKey ? { "x-api-key": apiKey } : {}),
        origin: ORIGIN,
        "x-local-source-ip": SOURCE_IP,
      },
      auth: { type: "Bearer", token: () => state.token ?? undefined },
      onResponse: async (ctx) => {
        const text = await ctx.response.clone().text();
        state.responses.push({
          path: new URL(String(ctx.request.url)).pathname,
          status: ctx.response.status,
          headers: ctx.response.headers,
          raw: text ? JSON.parse(text) : undefined,
        });
      },
      onSuccess: (ctx) => {
        const token = ctx.response.headers.get("set-auth-token");
        if (token) state.token = token;
      },
    },
  });
  return { client, state };
}

function lastResponse(state, path) {
  const found = state.responses.filter((response) => response.path === `/api/auth${path}`).at(-1);
  assert.ok(found, `no response recorded for ${path}`);
  return found;
}

function assertCors(response, { exposesToken = false } = {}) {
  assert.equal(response.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(response.headers.get("access-control-allow-credentials"), "true");
  const exposed = (response.headers.get("access-control-expose-headers") || "").toLowerCase();
  if (exposesToken) assert.match(exposed, /(^|,\s*)set-auth-token(\s*,|$)/);
}

/** The user on the wire: ISO-8601 strings (the client then turns them into Date objects). */
function assertWireUser(user, { email, name }) {
  assert.deepEqual(Object.keys(user).sort(), ["createdAt", "email", "emailVerified", "id", "image", "name", "updatedAt"]);
  assert.match(user.id, UUID);
  assert.equal(user.email, email);
  assert.equal(user.name, name);
  assert.equal(user.image, null);
  assert.equal(user.emailVerified, false);
  assert.match(user.createdAt, ISO_DATE);
  assert.match(user.updatedAt, ISO_DATE);
}

function assertParsedUser(user, wire) {
  assert.equal(user.id, wire.id);
  assert.equal(user.email, wire.email);
  assert.equal(user.name, wire.name);
  assert.ok(user.createdAt instanceof Date && !Number.isNaN(user.createdAt.getTime()));
  // Better Auth's client parses the fraction of a second as milliseconds (it pads it to 3 digits
  // but never truncates): the API must send at most 3 fractional digits, as JS toISOString does.
  assert.equal(
    user.createdAt.toISOString(),
    new Date(wire.createdAt).toISOString(),
    `the client read ${wire.createdAt} as ${user.createdAt.toISOString()}: send milliseconds, not microseconds`,
  );
}

before(async () => {
  try {
    await fetch(`${API_URL}/api/auth/get-session`, { headers: { "x-api-key": API_KEY } });
  } catch (error) {
    throw new Error(`The API is not reachable at ${API_URL} (start it first): ${error.message}`);
  }
});

describe("genuine better-auth client against the Python API", () => {
  const email = `client-${Date.now()}-${randomInt(1e6)}@example.com`;
  const password = "correct horse battery";
  const name = "Client Contract";
  const { client, state } = makeClient();
  let user;
  let firstToken;

  test("sign-up returns {token, user} and the token in set-auth-token", async () => {
    const { data, error } = await client.signUp.email({ email, password, name });
    assert.equal(error, null);
    const response = lastResponse(state, "/sign-up/email");
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.raw).sort(), ["token", "user"]);
    user = response.raw.user;
    firstToken = state.token;
    assertWireUser(response.raw.user, { email, name });
    assertParsedUser(data.user, response.raw.user);
    assert.equal(typeof data.token, "string");
    assert.ok(state.token, "set-auth-token header was readable");
    assert.equal(state.token, data.token);
    assertCors(response, { exposesToken: true });
  });

  test("get-session with the bearer token returns {session, user}", async () => {
    const { data, error } = await client.getSession();
    assert.equal(error, null);
    const response = lastResponse(state, "/get-session");
    assert.equal(response.status, 200);
    assert.deepEqual(response.raw.user, user);
    assertParsedUser(data.user, user);
    const session = response.raw.session;
    assert.deepEqual(Object.keys(session).sort(), [
      "createdAt",
      "expiresAt",
      "id",
      "ipAddress",
      "token",
      "updatedAt",
      "userAgent",
      "userId",
    ]);
    assert.match(session.id, UUID);
    assert.equal(session.userId, user.id);
    assert.equal(typeof session.token, "string");
    for (const key of ["expiresAt", "createdAt", "updatedAt"]) assert.match(session[key], ISO_DATE);
    assert.ok(data.session.expiresAt instanceof Date && data.session.expiresAt > new Date(), "expires in the future");
    assertCors(response);
    assert.match(response.headers.get("cache-control") || "", /no-store/);
  });

  test("sign-out revokes the session", async () => {
    const { data, error } = await client.signOut();
    assert.equal(error, null);
    assert.deepEqual(data, { success: true });
    assertCors(lastResponse(state, "/sign-out"));
  });

  test("get-session after sign-out is null, even with the old token", async () => {
    assert.ok(firstToken, "sign-up gave a token");
    assert.equal(state.token, firstToken, "the old token is still being sent");
    const { data, error } = await client.getSession();
    assert.equal(error, null);
    assert.equal(data, null);
    const response = lastResponse(state, "/get-session");
    assert.equal(response.status, 200);
    assert.equal(response.raw, null);
    assertCors(response);
    const anonymous = await makeClient().client.getSession();
    assert.equal(anonymous.data, null);
  });

  test("sign-in returns {redirect: false, token, user} with a new token", async () => {
    const { data, error } = await client.signIn.email({ email: email.toUpperCase(), password });
    assert.equal(error, null);
    assert.equal(data.redirect, false);
    const response = lastResponse(state, "/sign-in/email");
    assert.deepEqual(Object.keys(response.raw).sort(), ["redirect", "token", "user"]);
    assert.deepEqual(response.raw.user, user);
    assert.equal(state.token, data.token);
    assert.notEqual(state.token, firstToken);
    assertCors(response, { exposesToken: true });
    const session = await client.getSession();
    assert.equal(session.data?.user.id, user.id);
  });

  test("errors arrive as {code, message} on the client's error object", async () => {
    const other = makeClient();
    const wrong = await other.client.signIn.email({ email, password: "not the password" });
    assert.equal(wrong.data, null);
    assert.equal(wrong.error.status, 401);
    assert.equal(wrong.error.code, "INVALID_EMAIL_OR_PASSWORD");
    assert.equal(typeof wrong.error.message, "string");
    assert.ok(wrong.error.message.length > 0);
    assert.equal(other.state.token, null);
    assertCors(lastResponse(other.state, "/sign-in/email"));

    const taken = await other.client.signUp.email({ email: email.toUpperCase(), password, name });
    assert.equal(taken.error.status, 422);
    assert.equal(taken.error.code, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
  });

  test("without the API key the gateway answers 403", async () => {
    const keyless = makeClient({ apiKey: "" });
    const { data, error } = await keyless.client.getSession();
    assert.equal(data, null);
    assert.equal(error.status, 403);
    // API Gateway's default body is {"message": "Forbidden"}; with the project's gateway
    // responses it is {"code": "FORBIDDEN", "message": "..."}.
    assert.equal(typeof error.message, "string");
    assert.ok(error.message.length > 0);
    if (error.code !== undefined) assert.equal(error.code, "FORBIDDEN");
    // CORS headers are on the gateway's own answers too, or the browser could not read them.
    assertCors(lastResponse(keyless.state, "/get-session"));
  });
});
