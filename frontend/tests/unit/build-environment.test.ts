
import { assertBuildEnvironment, buildEnvironmentProblems } from "@/lib/build-environment";

const COMPLETE = { NEXT_PUBLIC_API_URL: "https://abc.execute-api.us-east-1.amazonaws.com/prod", NEXT_PUBLIC_API_KEY: "key" };

describe("the production build's environment check", () => {
  it("accepts both variables set", () => {
    expect(buildEnvironmentProblems(COMPLETE)).toEqual([]);
    expect(() => assertBuildEnvironment(COMPLETE)).not.toThrow();
  });

  it("names every missing or blank variable and how to set it", () => {
    expect(buildEnvironmentProblems({})).toEqual([
      "NEXT_PUBLIC_API_URL is not set.",
      "NEXT_PUBLIC_API_KEY is not set.",
    ]);
    expect(buildEnvironmentProblems({ ...COMPLETE, NEXT_PUBLIC_API_KEY: "  " })).toEqual([
      "NEXT_PUBLIC_API_KEY is not set.",
    ]);
    expect(() => assertBuildEnvironment({ NEXT_PUBLIC_API_KEY: "key" })).toThrow(
      /Cannot make a production build[\s\S]*NEXT_PUBLIC_API_URL is not set\.[\s\S]*NEXT_PUBLIC_API_URL=https:\/\//,
    );
  });

  it("refuses an API URL that is not http(s)", () => {
    expect(buildEnvironmentProblems({ ...COMPLETE, NEXT_PUBLIC_API_URL: "127.0.0.1:4000" })).toEqual([
      'NEXT_PUBLIC_API_URL must be an http(s) URL, got "127.0.0.1:4000".',
    ]);
  });
});
