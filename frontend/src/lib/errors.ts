/**
 * One error type for everything the API can answer with, and one place that turns it into a
 * sentence for people. The API's errors are `{"code": "UPPER_SNAKE", "message": "..."}`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds to wait, from the `Retry-After` header (429 and 503), when the browser may read it. */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export const NETWORK_ERROR = "NETWORK_ERROR";

const FALLBACK_MESSAGES: Record<string, string> = {
  [NETWORK_ERROR]: "Can't reach the server. Check your connection and try again.",
  INVALID_EMAIL_OR_PASSWORD: "Invalid email or password.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_SHORT: "Password is too short.",
  PASSWORD_TOO_LONG: "Password is too long.",
  UNAUTHORIZED: "Your session has expired. Please sign in again.",
  NOT_FOUND: "That task no longer exists.",
  RATE_LIMITED: "Too many attempts. Please wait a minute and try again.",
  SERVICE_UNAVAILABLE: "The service is temporarily unavailable. Please try again in a moment.",
  FORBIDDEN: "This app is not allowed to call the API (the API key was rejected).",
  VALIDATION_ERROR: "Some of what you entered is not valid. Check the fields and try again.",
  EMAIL_CAN_NOT_BE_UPDATED: "Your email address cannot be changed here.",
  NO_FIELDS_TO_UPDATE: "There is nothing to change.",
  INVALID_JSON: "The app sent a request the server could not read. Reload the page and try again.",
  INVALID_CURSOR: "The list changed while loading. Reload the page to see it again.",
  INVALID_REDIRECT_URL: "This app's reset link address is not allowed by the server.",
  INVALID_CALLBACK_URL: "This link points somewhere the server does not trust.",
  CORS_REJECTED: "This app is not allowed to call the API from this address.",
  METHOD_NOT_ALLOWED: "The app asked the server for something it does not do. Reload and try again.",
  PAYLOAD_TOO_LARGE: "That is too much text to save at once.",
  REQUEST_TOO_LARGE: "That is too much text to save at once.",
  HTTP_ERROR: "The request could not be sent. Reload the page and try again.",
  INTERNAL_ERROR: "Something went wrong on our side. Please try again.",
  INTEGRATION_FAILURE: "Something went wrong on our side. Please try again.",
  INTEGRATION_TIMEOUT: "The server took too long to answer. Please try again.",
};

/**
 * Codes whose sentence here beats the API's: Better Auth's wording for them is terse ("Invalid
 * password", "Session is not fresh"), and the reference server and ours must read the same.
 */
const OWN_MESSAGES: Record<string, string> = {
  INVALID_PASSWORD: "That password is not correct.",
  PASSWORD_COMPROMISED:
    "This password is too common or has appeared in a data breach. Choose a different one.",
  SESSION_NOT_FRESH: "For your security, sign in again to see and manage where you are signed in.",
  SESSION_EXPIRED: "For your security, sign in again before doing this.",
  INVALID_TOKEN: "This password reset link is invalid or has expired. Request a new one.",
};

/** Parses a `Retry-After` header given in seconds (the only form the API sends). */
export function parseRetryAfter(value: string | null | undefined): number | null {
  if (!value) return null;
  const seconds = Number.parseInt(value, 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

export function rateLimitMessage(seconds: number): string {
  return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
}

/** Builds an ApiError from a status, an optional parsed body and the response headers. */
export function toApiError(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const message = typeof record.message === "string" ? record.message.trim() : "";
  let code = typeof record.code === "string" && record.code ? record.code : "";
  if (!code) {
    // API Gateway's own answers carry no code: {"message": "Forbidden"} for a bad API key.
    code = status === 403 ? "FORBIDDEN" : status === 401 ? "UNAUTHORIZED" : status === 429 ? "RATE_LIMITED" : `HTTP_${status}`;
  }
  const retryAfter = parseRetryAfter(retryAfterHeader);
  return new ApiError(status, code, message, retryAfter);
}

/** The sentence to show for any error (ApiError, a failed fetch, or anything else thrown). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "RATE_LIMITED" && error.retryAfter !== null) return rateLimitMessage(error.retryAfter);
    const own = OWN_MESSAGES[error.code];
    if (own) return own;
    if (error.code === "FORBIDDEN" && (!error.message || error.message === "Forbidden")) {
      return FALLBACK_MESSAGES.FORBIDDEN!;
    }
    if (error.message) return error.message;
    return FALLBACK_MESSAGES[error.code] ?? `Something went wrong (HTTP ${error.status}). Please try again.`;
  }
  if (error instanceof TypeError) return FALLBACK_MESSAGES[NETWORK_ERROR]!;
  return "Something went wrong. Please try again.";
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Converts what the Better Auth client reports (`{status, statusText, code?, message?}` or a thrown error). */
export function clientError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number") {
    return toApiError((error as { status: number }).status, error);
  }
  return new ApiError(0, NETWORK_ERROR, "");
}
