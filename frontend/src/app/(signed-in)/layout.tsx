import type { ReactNode } from "react";

import { RequireAuth } from "@/components/auth/RequireAuth";
import { QueryProvider } from "@/components/QueryProvider";

/**
 * Every page that needs a live session (/dashboard, /account; a route group, so the URLs are
 * unchanged). The layout stays mounted from one of these pages to the next, and so does the
 * session check and the query cache; signing out leaves the group and drops both.
 */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return (
    <RequireAuth>
      <QueryProvider>{children}</QueryProvider>
    </RequireAuth>
  );
}
