import { expect, it } from "vitest";

import { safeNext, signInPath } from "@/lib/navigation";

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
