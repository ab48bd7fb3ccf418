/**
 * Sign-up, sign-in and sign-out through the Better Auth client, with their failures turned into
 * ApiErrors (src/lib/auth-call.ts).
 */
import { runAuthCall, type AuthResult } from "./auth-call";
import { authClient } from "./auth-client";
import { forgetNewAccount, markNewAccount } from "./new-account";
import { clearToken } from "./token-store";
import type { SignInInput, SignUpInput } from "./validation";

export async function signUpWithEmail(input: SignUpInput): Promise<AuthResult> {
  const result = await runAuthCall((onError) =>
    authClient.signUp.email(
      { name: input.name.trim(), email: input.email.trim(), password: input.password },
      { onError },
    ),
  );
  if (result.ok) markNewAccount();
  return result;
}

export async function signInWithEmail(input: SignInInput): Promise<AuthResult> {
  const result = await runAuthCall((onError) =>
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
