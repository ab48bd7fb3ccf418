import type { Metadata } from "next";

import { AccountScreen } from "@/components/account/AccountScreen";
import { RequireAuth } from "@/components/auth/RequireAuth";

export const metadata: Metadata = { title: "Your account" };

export default function AccountPage() {
  return (
    <RequireAuth next="/account">
      <AccountScreen />
    </RequireAuth>
  );
}
