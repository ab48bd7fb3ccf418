"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { NewPasswordFields } from "@/components/auth/NewPasswordFields";
import { Button } from "@/components/ui/Button";
import { CheckboxField, TextField } from "@/components/ui/fields";
import { useFormFields } from "@/hooks/useFormFields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { changePassword } from "@/lib/account";
import { describeError, isUnauthorized } from "@/lib/errors";
import { hasErrors, validateChangePassword, type ChangePasswordInput } from "@/lib/validation";

interface ChangePasswordFormProps {
  onUnauthorized: () => void;
}

const EMPTY: ChangePasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "" };
const FIELD_ORDER: Array<keyof ChangePasswordInput> = ["currentPassword", "newPassword", "confirmPassword"];

export function ChangePasswordForm({ onUnauthorized }: ChangePasswordFormProps) {
  const { values, setValues, errors, setErrors, update } = useFormFields<ChangePasswordInput>(EMPTY);
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const currentPasswordRef = useRef<HTMLInputElement>(null);
  const newPasswordRef = useRef<HTMLInputElement>(null);
  const confirmPasswordRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found = validateChangePassword(values);
    setErrors(found);
    setFormError(null);
    setDone(null);
    if (hasErrors(found)) {
      const first = FIELD_ORDER.find((field) => found[field]);
      const refs = { currentPassword: currentPasswordRef, newPassword: newPasswordRef, confirmPassword: confirmPasswordRef };
      if (first) refs[first].current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
      signOutOtherDevices: signOutOthers,
    });
    setSubmitting(false);
    if (result.ok) {
      setValues(EMPTY);
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
    setFormError(describeError(result.error));
    // Start the retry where the problem is, on an emptied field.
    if (result.error.code === "PASSWORD_COMPROMISED" || result.error.code.startsWith("PASSWORD_TOO")) {
      setValues((current) => ({ ...current, newPassword: "", confirmPassword: "" }));
      focusAfterRender(() => newPasswordRef.current);
    } else {
      setValues((current) => ({ ...current, currentPassword: "" }));
      focusAfterRender(() => currentPasswordRef.current);
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Change password">
      {formError ? <Alert>{formError}</Alert> : null}
      {done ? (
        <div ref={doneRef} tabIndex={-1} className="rounded-lg focus:outline-none">
          <Alert tone="success">{done}</Alert>
        </div>
      ) : null}
      <TextField
        ref={currentPasswordRef}
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={values.currentPassword}
        error={errors.currentPassword}
        onChange={(event) => update("currentPassword", event.target.value)}
        disabled={submitting}
        required
      />
      <NewPasswordFields
        values={values}
        errors={errors}
        onChange={update}
        disabled={submitting}
        newPasswordRef={newPasswordRef}
        confirmPasswordRef={confirmPasswordRef}
      />
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
    </form>
  );
}
