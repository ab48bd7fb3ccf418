import type { FieldBinding } from "@/hooks/useFormFields";
import { LIMITS } from "@/lib/validation";

import { PasswordField } from "./AccountFields";

interface NewPasswordFieldsProps {
  field: (name: "newPassword" | "confirmPassword") => FieldBinding;
  disabled: boolean;
}

/** A new password and its confirmation: changing it when signed in, and resetting it by email. */
export function NewPasswordFields({ field, disabled }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordField
        {...field("newPassword")}
        label="New password"
        purpose="new"
        hint={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters, any language.`}
        disabled={disabled}
      />
      <PasswordField {...field("confirmPassword")} label="Confirm new password" purpose="new" disabled={disabled} />
    </>
  );
}
