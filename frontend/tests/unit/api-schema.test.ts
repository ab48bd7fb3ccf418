import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const FRONTEND_DIR = path.resolve(__dirname, "..", "..");
const GENERATOR = path.join(FRONTEND_DIR, "scripts", "generate-api.mjs");

/**
 * What `npm run generate:api` would write now, made in memory by openapi-typescript's Node API
 * (in a Node process of its own: the generator is an ES module, which Jest's CommonJS cannot load).
 */
function regenerated(): Record<string, string> {
  return JSON.parse(execFileSync(process.execPath, [GENERATOR, "--print"], { encoding: "utf8" })) as Record<string, string>;
}

describe("the API types and limits generated from docs/openapi.json", () => {
  it("are committed as the document generates them now (else run `npm run generate:api`)", () => {
    const files = regenerated();
    expect(Object.keys(files)).toEqual(["src/lib/api-schema.d.ts", "src/lib/api-limits.ts"]);
    const stale = Object.entries(files)
      .filter(([file, text]) => readFileSync(path.join(FRONTEND_DIR, file), "utf8") !== text)
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });
});
