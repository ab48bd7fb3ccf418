/**
 * Jest for the unit tests (tests/unit), through next/jest: SWC compiles the TypeScript and JSX as
 * `next build` does, with the tsconfig paths (`@/…`), and loads .env files as Next does.
 */
import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/**
 * Packages that ship only ES modules, which Jest (running CommonJS) cannot load as they are: the
 * Better Auth client and what it imports. They are compiled like the app's own code.
 */
const ESM_ONLY_PACKAGES = ["better-auth", "@better-auth", "better-call", "nanostores", "@better-fetch"];

const config = {
  testEnvironment: "<rootDir>/tests/jsdom-environment.mjs",
  setupFiles: ["<rootDir>/tests/environment-variables.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/setup.ts"],
  testMatch: ["<rootDir>/tests/**/*.test.{ts,tsx}"],
};

export default async function jestConfig() {
  const nextConfig = await createJestConfig(config)();
  return {
    ...nextConfig,
    // next/jest leaves node_modules untouched except the packages it names: name these too.
    transformIgnorePatterns: nextConfig.transformIgnorePatterns.map((pattern) =>
      pattern.replace("(?!(", `(?!(${ESM_ONLY_PACKAGES.join("|")}|`),
    ),
  };
}
