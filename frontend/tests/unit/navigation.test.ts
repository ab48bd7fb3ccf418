
import { SIGN_IN_REASONS, safeNext, signInPath, signInReason } from "@/lib/navigation";

it("follows only same-site paths after sign-in", () => {
  expect(safeNext("/dashboard")).toBe("/dashboard");
  expect(safeNext(null)).toBe("/dashboard");
  expect(safeNext("https://evil.example")).toBe("/dashboard");
  expect(safeNext("//evil.example")).toBe("/dashboard");
  expect(safeNext("/\\evil.example")).toBe("/dashboard");
  expect(safeNext("/signin")).toBe("/dashboard");
});

it("builds readable sign-in links", () => {
  expect(signInPath("/dashboard")).toBe("/signin?next=/dashboard");
  expect(signInPath("/dashboard", "expired")).toBe("/signin?next=/dashboard&reason=expired");
  expect(signInPath()).toBe("/signin");
});

it("never returns to a signed-out page after sign-in", () => {
  expect(safeNext("/signin?next=/account")).toBe("/dashboard");
  expect(safeNext("/reset-password?token=abc")).toBe("/dashboard");
  expect(safeNext("/forgot-password")).toBe("/dashboard");
  expect(safeNext("/account")).toBe("/account");
});

it("knows the reasons the sign-in page explains, and only those", () => {
  expect(signInPath("/account", "reauthenticate")).toBe("/signin?next=/account&reason=reauthenticate");
  expect(signInReason("deleted")).toBe("deleted");
  expect(signInReason("password-reset")).toBe("password-reset");
  expect(signInReason("toString")).toBeNull();
  expect(signInReason(null)).toBeNull();
  expect(SIGN_IN_REASONS.deleted).toMatch(/deleted/);
});
