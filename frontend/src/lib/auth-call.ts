/**
 * Runs one Better Auth client call and turns its failure into an ApiError, so every form shows
 * the same sentences (and the seconds from `Retry-After`) whatever the endpoint.
 */
import { ApiError, NETWORK_ERROR, toApiError } from "./errors";

export type AuthResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ApiError };

interface ClientError {
  status: number;
  code?: string;
  message?: string;
}

export interface ErrorContext {
  response: Response;
}

export async function runAuthCall<T>(
  call: (onError: (ctx: ErrorContext) => void) => Promise<{ data: T | null; error: ClientError | null }>,
): Promise<AuthResult<T>> {
  let retryAfter: string | null = null;
  try {
    const { data, error } = await call((ctx) => {
      retryAfter = ctx.response.headers.get("retry-after");
    });
    if (!error) return { ok: true, data: data as T };
    return { ok: false, error: toApiError(error.status, error, retryAfter) };
  } catch {
    return { ok: false, error: new ApiError(0, NETWORK_ERROR, "") };
  }
}
