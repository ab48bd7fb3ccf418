/**
 * Account management through the genuine Better Auth client: the profile, the password, the
 * sessions, deleting the account and resetting a forgotten password. Each call answers an
 * AuthResult (src/lib/auth-call.ts), never throws.
 */
import { runAuthCall, type AuthResult } from "./auth-call";
import { authClient } from "./auth-client";
import { forgetNewAccount } from "./new-account";
import { clearToken, setToken } from "./token-store";

/** One signed-in device, as list-sessions answers it (Better Auth's session shape). */
export interface DeviceSession {
  id: string;
  token: string;
  userId: string;
  expiresAt: string | Date;
  createdAt: string | Date;
  updatedAt: string | Date;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export async function renameUser(name: string): Promise<AuthResult> {
  return runAuthCall((onError) => authClient.updateUser({ name: name.trim() }, { onError }));
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  signOutOtherDevices: boolean;
}

/**
 * Changing the password with "sign out other devices" ends every session, this one included, and
 * answers a new token for this device: it is stored before the client refreshes the session.
 */
export async function changePassword(request: ChangePasswordRequest): Promise<AuthResult> {
  return runAuthCall((onError) =>
    authClient.changePassword(
      {
        currentPassword: request.currentPassword,
        newPassword: request.newPassword,
        revokeOtherSessions: request.signOutOtherDevices,
      },
      {
        onError,
        onSuccess: (ctx: { data: { token?: string | null } | null }) => {
          const token = ctx.data?.token;
          if (token) setToken(token);
        },
      },
    ),
  );
}

export async function listDeviceSessions(): Promise<AuthResult<DeviceSession[]>> {
  return runAuthCall<DeviceSession[]>((onError) => authClient.listSessions({ fetchOptions: { onError } }));
}

export async function revokeDeviceSession(token: string): Promise<AuthResult> {
  return runAuthCall((onError) => authClient.revokeSession({ token }, { onError }));
}

export async function revokeOtherDeviceSessions(): Promise<AuthResult> {
  return runAuthCall((onError) => authClient.revokeOtherSessions({}, { onError }));
}

/**
 * Deletes the account, then forgets the token here. The client's own session refresh is switched
 * off for this call: the page leaves for sign-in itself, saying why (RequireAuth).
 */
export async function deleteAccount(password: string): Promise<AuthResult> {
  const result = await runAuthCall((onError) =>
    authClient.deleteUser({ password }, { onError, disableSignal: true }),
  );
  if (result.ok) {
    clearToken();
    forgetNewAccount();
  }
  return result;
}

/** The API answers the same whether or not the address has an account. */
export async function requestPasswordReset(email: string, redirectTo: string): Promise<AuthResult> {
  return runAuthCall((onError) =>
    authClient.requestPasswordReset({ email: email.trim(), redirectTo }, { onError }),
  );
}

export async function resetPassword(token: string, newPassword: string): Promise<AuthResult> {
  return runAuthCall((onError) => authClient.resetPassword({ token, newPassword }, { onError }));
}
