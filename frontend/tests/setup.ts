import "@testing-library/jest-dom";

import { cleanup } from "@testing-library/react";

import { installFetch, resetFetch } from "./fetch-mock";

// Installed before any module under test is imported: the Better Auth client captures `fetch`
// when it is created.
installFetch();

afterEach(() => {
  cleanup();
  resetFetch();
  window.localStorage.clear();
  window.sessionStorage.clear();
});
