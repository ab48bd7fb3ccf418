
import { contentSecurityPolicy, newNonce, originOf } from "@/lib/content-security-policy";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

const API = "https://abc.execute-api.us-east-1.amazonaws.com";

describe("Content-Security-Policy", () => {
  it("in production, runs only our scripts and this response's nonce, and talks only to us and the API", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n0nce", apiOrigin: API, development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n0nce'"]);
    expect(policy.get("connect-src")).toEqual(["'self'", API]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    for (const [, sources] of policy) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'strict-dynamic'");
    }
  });

  it("in development, allows the eval and inline styles React's dev tools need", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n0nce", apiOrigin: API, development: true }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n0nce'", "'unsafe-eval'"]);
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("style-src")).toContain("'unsafe-inline'");
  });

  it("takes the API's origin from its base URL and makes a fresh nonce each time", () => {
    expect(originOf(`${API}/prod`)).toBe(API);
    expect(originOf("http://127.0.0.1:4000")).toBe("http://127.0.0.1:4000");
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
