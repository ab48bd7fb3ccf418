"use client";

import { Button } from "@/components/ui/Button";
import { CheckedForm } from "@/components/ui/Form";
import { useFormFields } from "@/hooks/useFormFields";
import { LEAVING, useSubmit } from "@/hooks/useSubmit";
import { signUpWithEmail } from "@/lib/auth";
import { describeError } from "@/lib/errors";
import { LIMITS, validateSignUp, type SignUpInput } from "@/lib/validation";

import { EmailField, NameField, PasswordField } from "./AccountFields";

interface SignUpFormProps {
  /** Called once the account exists and its token is stored. */
  onSignedUp: () => Promise<void> | void;
}

export function SignUpForm({ onSignedUp }: SignUpFormProps) {
  const form = useFormFields<SignUpInput>({ name: "", email: "", password: "" });
  const { submitting, formError, handleSubmit } = useSubmit(
    () => form.check(validateSignUp),
    async () => {
      const result = await signUpWithEmail(form.values);
      if (!result.ok) return describeError(result.error);
      await onSignedUp();
      return LEAVING;
    },
  );

  return (
    <CheckedForm onSubmit={handleSubmit} label="Create account" error={formError}>
      <NameField {...form.field("name")} disabled={submitting} />
      <EmailField {...form.field("email")} disabled={submitting} />
      <PasswordField
        {...form.field("password")}
        label="Password"
        purpose="new"
        hint={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`}
        disabled={submitting}
      />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Creating account…" : "Create account"}
      </Button>
    </CheckedForm>
  );
}
