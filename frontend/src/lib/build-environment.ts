/**
 * The variables a production build must be given. `next build` inlines `NEXT_PUBLIC_*` into the
 * bundle, so a build made without them would quietly talk to the local API: next.config.ts refuses
 * to build instead. `next dev` and the tests set both (infra/local/stack.py, tests/environment-variables.ts).
 */
export const REQUIRED_BUILD_VARIABLES = ["NEXT_PUBLIC_API_URL", "NEXT_PUBLIC_API_KEY"] as const;

type Environment = Readonly<Record<string, string | undefined>>;

/** Every problem with the build's environment, one sentence each (empty when it can build). */
export function buildEnvironmentProblems(env: Environment): string[] {
  const problems: string[] = [];
  for (const name of REQUIRED_BUILD_VARIABLES) {
    if (!env[name]?.trim()) problems.push(`${name} is not set.`);
  }
  const apiUrl = env.NEXT_PUBLIC_API_URL?.trim();
  if (apiUrl) {
    let protocol = "";
    try {
      protocol = new URL(apiUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "http:" && protocol !== "https:") {
      problems.push(`NEXT_PUBLIC_API_URL must be an http(s) URL, got "${apiUrl}".`);
    }
  }
  return problems;
}

/** Throws one readable error listing what to set, for `next build` to stop on. */
export function assertBuildEnvironment(env: Environment): void {
  const problems = buildEnvironmentProblems(env);
  if (problems.length === 0) return;
  throw new Error(
    [
      "Cannot make a production build of the lambda-tasks frontend:",
      ...problems.map((problem) => `  - ${problem}`),
      "Set the API's base URL (everything before /api) and its API Gateway key, for example:",
      "  NEXT_PUBLIC_API_URL=https://abc123.execute-api.us-east-1.amazonaws.com/prod NEXT_PUBLIC_API_KEY=... npm run build",
      "(locally: NEXT_PUBLIC_API_URL=http://127.0.0.1:4000 NEXT_PUBLIC_API_KEY=local-dev-api-key). See frontend/README.md.",
    ].join("\n"),
  );
}
