"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/fields";
import { useFormFields } from "@/hooks/useFormFields";
import { signUpWithEmail } from "@/lib/auth";
import { describeError } from "@/lib/errors";
import { hasErrors, LIMITS, validateSignUp, type SignUpInput } from "@/lib/validation";

interface SignUpFormProps {
  /** Called once the account exists and its token is stored. */
  onSignedUp: () => Promise<void> | void;
}

const FIELD_ORDER: Array<keyof SignUpInput> = ["name", "email", "password"];

export function SignUpForm({ onSignedUp }: SignUpFormProps) {
  const { values, errors, setErrors, update } = useFormFields<SignUpInput>({ name: "", email: "", password: "" });
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found = validateSignUp(values);
    setErrors(found);
    setFormError(null);
    if (hasErrors(found)) {
      const first = FIELD_ORDER.find((field) => found[field]);
      const refs = { name: nameRef, email: emailRef, password: passwordRef };
      if (first) refs[first].current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await signUpWithEmail(values);
    if (!result.ok) {
      setFormError(describeError(result.error));
      setSubmitting(false);
      return;
    }
    await onSignedUp();
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Create account">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        ref={nameRef}
        label="Name"
        name="name"
        autoComplete="name"
        maxLength={LIMITS.nameMax}
        value={values.name}
        error={errors.name}
        onChange={(event) => update("name", event.target.value)}
        disabled={submitting}
        required
      />
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
        autoComplete="new-password"
        hint={`${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`}
        value={values.password}
        error={errors.password}
        onChange={(event) => update("password", event.target.value)}
        disabled={submitting}
        required
      />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
