"use client";

import { Button } from "@/components/ui/Button";
import { CheckedForm } from "@/components/ui/Form";
import { useFormFields } from "@/hooks/useFormFields";
import { LEAVING, useSubmit } from "@/hooks/useSubmit";
import { signInWithEmail } from "@/lib/auth";
import { describeError } from "@/lib/errors";
import { validateSignIn, type SignInInput } from "@/lib/validation";

import { EmailField, PasswordField } from "./AccountFields";

interface SignInFormProps {
  /** Called once the API accepted the credentials and the token is stored. */
  onSignedIn: () => Promise<void> | void;
}

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const form = useFormFields<SignInInput>({ email: "", password: "" });
  const { submitting, formError, handleSubmit } = useSubmit(
    () => form.check(validateSignIn),
    async () => {
      const result = await signInWithEmail(form.values);
      if (result.ok) {
        await onSignedIn();
        return LEAVING;
      }
      // The user retypes the password: start them there, on an empty field (it is disabled until
      // this render commits, hence after the render).
      form.retype("password");
      return describeError(result.error);
    },
  );

  return (
    <CheckedForm onSubmit={handleSubmit} label="Sign in" error={formError}>
      <EmailField {...form.field("email")} disabled={submitting} />
      <PasswordField {...form.field("password")} label="Password" purpose="current" disabled={submitting} />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Signing in…" : "Sign in"}
      </Button>
    </CheckedForm>
  );
}
