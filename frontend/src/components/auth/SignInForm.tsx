"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/fields";
import { useFormFields } from "@/hooks/useFormFields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { signInWithEmail } from "@/lib/auth";
import { describeError } from "@/lib/errors";
import { hasErrors, LIMITS, validateSignIn, type SignInInput } from "@/lib/validation";

interface SignInFormProps {
  /** Called once the API accepted the credentials and the token is stored. */
  onSignedIn: () => Promise<void> | void;
}

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const { values, setValues, errors, setErrors, update } = useFormFields<SignInInput>({ email: "", password: "" });
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useFocusAfterRender();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found = validateSignIn(values);
    setErrors(found);
    setFormError(null);
    if (hasErrors(found)) {
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await signInWithEmail(values);
    if (!result.ok) {
      // The user retypes the password: start them there, on an empty field (it is disabled until
      // this render commits, hence after the render).
      setFormError(describeError(result.error));
      setValues((current) => ({ ...current, password: "" }));
      setSubmitting(false);
      focusAfterRender(() => passwordRef.current);
      return;
    }
    await onSignedIn();
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Sign in">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        ref={emailRef}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        maxLength={LIMITS.emailMax}
        value={values.email}
        error={errors.email}
        onChange={(event) => update("email", event.target.value)}
        disabled={submitting}
        required
      />
      <TextField
        ref={passwordRef}
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        error={errors.password}
        onChange={(event) => update("password", event.target.value)}
        disabled={submitting}
        required
      />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
