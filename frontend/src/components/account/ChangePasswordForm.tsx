"use client";

import { useRef, useState } from "react";

import { PasswordField } from "@/components/auth/AccountFields";
import { NewPasswordFields } from "@/components/auth/NewPasswordFields";
import { FocusedSuccess } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CheckedForm } from "@/components/ui/Form";
import { CheckboxField } from "@/components/ui/fields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { useFormFields } from "@/hooks/useFormFields";
import { useSubmit } from "@/hooks/useSubmit";
import { changePassword } from "@/lib/account";
import { describeError, isUnauthorized } from "@/lib/errors";
import { validateChangePassword, type ChangePasswordInput } from "@/lib/validation";

interface ChangePasswordFormProps {
  onUnauthorized: () => void;
}

const EMPTY: ChangePasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({ onUnauthorized }: ChangePasswordFormProps) {
  const form = useFormFields<ChangePasswordInput>(EMPTY);
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const { submitting, formError, handleSubmit } = useSubmit(
    () => {
      setDone(null);
      return form.check(validateChangePassword);
    },
    async () => {
      const result = await changePassword({
        currentPassword: form.values.currentPassword,
        newPassword: form.values.newPassword,
        signOutOtherDevices: signOutOthers,
      });
      if (result.ok) {
        form.setValues(EMPTY);
        setDone(
          signOutOthers
            ? "Your password has been changed, and every other device has been signed out."
            : "Your password has been changed.",
        );
        focusAfterRender(() => doneRef.current);
        return;
      }
      if (isUnauthorized(result.error)) {
        onUnauthorized();
        return;
      }
      // Start the retry where the problem is, on an emptied field.
      if (result.error.code === "PASSWORD_COMPROMISED" || result.error.code.startsWith("PASSWORD_TOO")) {
        form.retype("newPassword", "confirmPassword");
      } else {
        form.retype("currentPassword");
      }
      return describeError(result.error);
    },
  );

  return (
    <CheckedForm onSubmit={handleSubmit} label="Change password" error={formError}>
      {done ? <FocusedSuccess ref={doneRef}>{done}</FocusedSuccess> : null}
      <PasswordField {...form.field("currentPassword")} label="Current password" purpose="current" disabled={submitting} />
      <NewPasswordFields field={form.field} disabled={submitting} />
      <CheckboxField
        label="Sign out of all other devices"
        hint="Recommended if you think someone else knows your old password."
        checked={signOutOthers}
        onChange={(event) => setSignOutOthers(event.target.checked)}
        disabled={submitting}
      />
      <Button type="submit" loading={submitting}>
        {submitting ? "Changing password…" : "Change password"}
      </Button>
    </CheckedForm>
  );
}
