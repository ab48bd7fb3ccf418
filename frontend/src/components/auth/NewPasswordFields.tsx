import type { Ref } from "react";

import { TextField } from "@/components/ui/fields";
import { LIMITS } from "@/lib/validation";

type NewPassword = { newPassword: string; confirmPassword: string };

type NewPasswordFieldsProps = {
  values: NewPassword;
  errors: Partial<Record<keyof NewPassword, string>>;
  onChange: (field: keyof NewPassword, value: string) => void;
  disabled: boolean;
  newPasswordRef: Ref<HTMLInputElement>;
  confirmPasswordRef: Ref<HTMLInputElement>;
};

/** A new password and its confirmation: changing it when signed in, and resetting it by email. */
export function NewPasswordFields({
  values,
  errors,
  onChange,
  disabled,
  newPasswordRef,
  confirmPasswordRef,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        ref={newPasswordRef}
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters, any language.`}
        value={values.newPassword}
        error={errors.newPassword}
        onChange={(event) => onChange("newPassword", event.target.value)}
        disabled={disabled}
        required
      />
      <TextField
        ref={confirmPasswordRef}
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        value={values.confirmPassword}
        error={errors.confirmPassword}
        onChange={(event) => onChange("confirmPassword", event.target.value)}
        disabled={disabled}
        required
      />
    </>
  );
}
