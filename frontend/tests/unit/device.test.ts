
import { describeDevice, formatWhen } from "@/lib/device";

describe("describeDevice", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36",
      "Chrome on Linux",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0", "Firefox on Windows"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    ["node", "Unknown browser"],
    ["", "Unknown device"],
    [null, "Unknown device"],
  ])("%j is %j", (agent, expected) => {
    expect(describeDevice(agent)).toBe(expected);
  });
});

describe("formatWhen", () => {
  it("formats ISO dates and never throws on a bad one", () => {
    expect(formatWhen("2026-01-02T10:20:00Z")).toMatch(/2026/);
    expect(formatWhen("not a date")).toBe("an unknown time");
  });
});
