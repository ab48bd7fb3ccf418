import type { Metadata } from "next";

import { RequireAuth } from "@/components/auth/RequireAuth";
import { Dashboard } from "@/components/tasks/Dashboard";

export const metadata: Metadata = { title: "Your tasks" };

export default function DashboardPage() {
  return (
    <RequireAuth next="/dashboard">
      <Dashboard />
    </RequireAuth>
  );
}
