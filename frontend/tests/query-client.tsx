import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

import { createQueryClient } from "@/lib/query-client";

function clientWithoutRetries() {
  const client = createQueryClient();
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } });
  return client;
}

/**
 * The app's query client, one per rendered test, with retries off, as TanStack advises for tests:
 * each test states every answer the API gives. tests/unit/query-client.test.tsx covers the retry
 * policy itself, with the client as the app has it.
 */
export function QueryClientForTest({ children }: { children: ReactNode }) {
  const [client] = useState(clientWithoutRetries);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
