/**
 * Sign-up, sign-in and sign-out through the Better Auth client, with their failures turned into
 * ApiErrors (so every form shows the API's own sentence, and the seconds from `Retry-After`).
 */
import { authClient } from "./auth-client";
import { ApiError, NETWORK_ERROR, toApiError } from "./errors";
import { forgetNewAccount, markNewAccount } from "./new-account";
import { clearToken } from "./token-store";
import type { SignInInput, SignUpInput } from "./validation";

export type AuthResult = { ok: true } | { ok: false; error: ApiError };

interface ClientError {
  status: number;
  code?: string;
  message?: string;
}

interface ErrorContext {
  response: Response;
}

/** Runs one client call, capturing `Retry-After` from a failed response. */
async function run(
  call: (onError: (ctx: ErrorContext) => void) => Promise<{ error: ClientError | null }>,
): Promise<AuthResult> {
  let retryAfter: string | null = null;
  try {
    const { error } = await call((ctx) => {
      retryAfter = ctx.response.headers.get("retry-after");
    });
    if (!error) return { ok: true };
    return { ok: false, error: toApiError(error.status, error, retryAfter) };
  } catch {
    return { ok: false, error: new ApiError(0, NETWORK_ERROR, "") };
  }
}

export async function signUpWithEmail(input: SignUpInput): Promise<AuthResult> {
  const result = await run((onError) =>
    authClient.signUp.email(
      { name: input.name.trim(), email: input.email.trim(), password: input.password },
      { onError },
    ),
  );
  if (result.ok) markNewAccount();
  return result;
}

export async function signInWithEmail(input: SignInInput): Promise<AuthResult> {
  const result = await run((onError) =>
    authClient.signIn.email({ email: input.email.trim(), password: input.password }, { onError }),
  );
  if (result.ok) forgetNewAccount();
  return result;
}

/** Revokes the session on the server (best effort) and always forgets the token locally. */
export async function signOutEverywhere(): Promise<void> {
  try {
    await authClient.signOut();
  } catch {
    // Offline or the API is down: the local sign-out below still happens.
  } finally {
    clearToken();
    forgetNewAccount();
  }
}
