"use client";

import { NewPasswordFields } from "@/components/auth/NewPasswordFields";
import { Button } from "@/components/ui/Button";
import { CheckedForm } from "@/components/ui/Form";
import { useFormFields } from "@/hooks/useFormFields";
import { LEAVING, useSubmit } from "@/hooks/useSubmit";
import { resetPassword } from "@/lib/account";
import { describeError } from "@/lib/errors";
import { validateResetPassword, type ResetPasswordInput } from "@/lib/validation";

interface ResetPasswordFormProps {
  token: string;
  /** The password is changed (and every session ended). */
  onReset: () => void;
  /** The API refused the token: used, expired or never issued. */
  onInvalidToken: () => void;
}

export function ResetPasswordForm({ token, onReset, onInvalidToken }: ResetPasswordFormProps) {
  const form = useFormFields<ResetPasswordInput>({ newPassword: "", confirmPassword: "" });
  const { submitting, formError, handleSubmit } = useSubmit(
    () => form.check(validateResetPassword),
    async () => {
      const result = await resetPassword(token, form.values.newPassword);
      if (result.ok) {
        onReset();
        return LEAVING;
      }
      if (result.error.code === "INVALID_TOKEN") {
        onInvalidToken();
        return;
      }
      form.retype("newPassword", "confirmPassword");
      return describeError(result.error);
    },
  );

  return (
    <CheckedForm onSubmit={handleSubmit} label="Choose a new password" error={formError}>
      <NewPasswordFields field={form.field} disabled={submitting} />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Saving…" : "Set new password"}
      </Button>
    </CheckedForm>
  );
}
