
import { ApiError, clientError, describeError, parseRetryAfter, toApiError } from "@/lib/errors";

describe("toApiError / describeError", () => {
  it("keeps the API's code and human message", () => {
    const error = toApiError(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password." });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("INVALID_EMAIL_OR_PASSWORD");
    expect(describeError(error)).toBe("Invalid email or password.");
  });

  it("shows the seconds to wait from Retry-After when rate limited", () => {
    const error = toApiError(429, { code: "RATE_LIMITED", message: "Too many attempts." }, "42");
    expect(error.retryAfter).toBe(42);
    expect(describeError(error)).toBe("Too many attempts. Try again in 42 seconds.");
    expect(describeError(toApiError(429, { code: "RATE_LIMITED" }, "1"))).toBe("Too many attempts. Try again in 1 second.");
  });

  it("falls back to the API's sentence when Retry-After cannot be read", () => {
    const error = toApiError(429, { code: "RATE_LIMITED", message: "Too many attempts. Try again in 17 seconds." }, null);
    expect(describeError(error)).toBe("Too many attempts. Try again in 17 seconds.");
  });

  it("explains API Gateway's bare 403", () => {
    const error = toApiError(403, { message: "Forbidden" });
    expect(error.code).toBe("FORBIDDEN");
    expect(describeError(error)).toMatch(/API key/);
  });

  it("never shows an empty sentence", () => {
    expect(describeError(toApiError(500, null))).toBe("Something went wrong (HTTP 500). Please try again.");
    expect(describeError(toApiError(503, "<html>"))).toBe("Something went wrong (HTTP 503). Please try again.");
    expect(describeError(new TypeError("Failed to fetch"))).toMatch(/reach the server/);
    expect(describeError(new Error("boom"))).toBe("Something went wrong. Please try again.");
  });

  it("converts what the Better Auth client reports", () => {
    expect(clientError({ status: 422, statusText: "", code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "Taken." }).code).toBe(
      "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
    );
    expect(clientError(new TypeError("fetch failed")).code).toBe("NETWORK_ERROR");
  });

  it("parses Retry-After seconds only", () => {
    expect(parseRetryAfter("60")).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("account error codes", () => {
  it.each([
    ["INVALID_PASSWORD", 400, "Invalid password", "That password is not correct."],
    ["PASSWORD_COMPROMISED", 400, "The password you entered has been compromised.", "too common or has appeared in a data breach"],
    ["SESSION_NOT_FRESH", 403, "Session is not fresh", "sign in again"],
    ["INVALID_TOKEN", 400, "Invalid token", "reset link is invalid or has expired"],
  ])("%s gets this app's own sentence", (code, status, serverMessage, expected) => {
    expect(describeError(toApiError(status, { code, message: serverMessage }))).toContain(expected);
  });

  it("keeps the API's specific sentence for a validation error, with a fallback when it has none", () => {
    expect(describeError(toApiError(400, { code: "VALIDATION_ERROR", message: "name: too long." }))).toBe("name: too long.");
    expect(describeError(toApiError(400, { code: "VALIDATION_ERROR" }))).toMatch(/not valid/);
  });
});
