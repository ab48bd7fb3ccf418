"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { NewPasswordFields } from "@/components/auth/NewPasswordFields";
import { Button } from "@/components/ui/Button";
import { useFormFields } from "@/hooks/useFormFields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { resetPassword } from "@/lib/account";
import { describeError } from "@/lib/errors";
import { hasErrors, validateResetPassword, type ResetPasswordInput } from "@/lib/validation";

interface ResetPasswordFormProps {
  token: string;
  /** The password is changed (and every session ended). */
  onReset: () => void;
  /** The API refused the token: used, expired or never issued. */
  onInvalidToken: () => void;
}

export function ResetPasswordForm({ token, onReset, onInvalidToken }: ResetPasswordFormProps) {
  const { values, setValues, errors, setErrors, update } = useFormFields<ResetPasswordInput>({ newPassword: "", confirmPassword: "" });
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const newPasswordRef = useRef<HTMLInputElement>(null);
  const confirmPasswordRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useFocusAfterRender();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found = validateResetPassword(values);
    setErrors(found);
    setFormError(null);
    if (hasErrors(found)) {
      (found.newPassword ? newPasswordRef : confirmPasswordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await resetPassword(token, values.newPassword);
    if (result.ok) {
      onReset();
      return;
    }
    setSubmitting(false);
    if (result.error.code === "INVALID_TOKEN") {
      onInvalidToken();
      return;
    }
    setFormError(describeError(result.error));
    setValues({ newPassword: "", confirmPassword: "" });
    focusAfterRender(() => newPasswordRef.current);
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Choose a new password">
      {formError ? <Alert>{formError}</Alert> : null}
      <NewPasswordFields
        values={values}
        errors={errors}
        onChange={update}
        disabled={submitting}
        newPasswordRef={newPasswordRef}
        confirmPasswordRef={confirmPasswordRef}
      />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
