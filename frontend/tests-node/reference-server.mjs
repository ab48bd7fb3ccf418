/**
 * Better Auth 1.7 itself, from the installed package, as the reference the Python API is compared
 * with (tests-node/differential.test.mjs): email and password with the options the API promises
 * (8..128-character passwords, 7-day sessions, delete-user on), the bearer plugin the frontend
 * relies on, and Better Auth's own in-memory adapter, so nothing native is downloaded or built.
 * Served over HTTP on a free loopback port in the test process.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { toNodeHandler } from "better-auth/node";
import { bearer } from "better-auth/plugins";

const SEVEN_DAYS = 7 * 24 * 60 * 60;

/**
 * Starts the reference server; `trustedOrigin` is the frontend origin the tests send and redirect
 * to. Each reset email is kept in `resetEmails` ({email, url, token}, newest last), as the Python
 * API's outbox keeps its .eml files.
 */
export async function startReferenceServer({ trustedOrigin }) {
  const resetEmails = [];
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  const auth = betterAuth({
    baseURL: url,
    secret: randomBytes(32).toString("hex"),
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    trustedOrigins: [trustedOrigin],
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      sendResetPassword: async ({ user, url: link, token }) => {
        resetEmails.push({ email: user.email, url: link, token });
      },
      // The API's documented behaviour (README): a reset ends every session of the account.
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: SEVEN_DAYS },
    user: { deleteUser: { enabled: true } },
    plugins: [bearer()],
    // On a SQL database Better Auth answers `image: null` for a user without one (the column is
    // there); the memory adapter leaves a field never written out of the object instead. Store the
    // null a SQL column would hold, so the comparison is about Better Auth, not its test adapter.
    databaseHooks: {
      user: { create: { before: async (user) => ({ data: { ...user, image: user.image ?? null } }) } },
    },
    // The Python API's limits are its own (README); the reference is compared on behaviour alone.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
  server.on("request", toNodeHandler(auth));

  return {
    url,
    resetEmails,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
