"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/fields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { requestPasswordReset } from "@/lib/account";
import { describeError } from "@/lib/errors";
import { LIMITS, validateEmail } from "@/lib/validation";

interface ForgotPasswordFormProps {
  /** Where the emailed link lands (this site's /reset-password). */
  redirectTo: () => string;
}

export function ForgotPasswordForm({ redirectTo }: ForgotPasswordFormProps) {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const found = validateEmail(email);
    setError(found);
    setFormError(null);
    if (found) {
      emailRef.current?.focus();
      return;
    }
    setSending(true);
    const result = await requestPasswordReset(email, redirectTo());
    setSending(false);
    if (result.ok) {
      // The same words whether or not the address has an account: the page must not tell.
      setSentTo(email.trim());
      focusAfterRender(() => sentRef.current);
      return;
    }
    setFormError(describeError(result.error));
    focusAfterRender(() => emailRef.current);
  }

  if (sentTo) {
    return (
      <div ref={sentRef} tabIndex={-1} className="space-y-4 rounded-lg focus:outline-none" data-testid="reset-sent">
        <Alert tone="success">
          If an account exists for <strong className="break-all">{sentTo}</strong>, we have sent it a link to choose a
          new password. The link works once, for one hour.
        </Alert>
        <Button
          variant="secondary"
          className="w-full"
          onClick={() => {
            setSentTo(null);
            focusAfterRender(() => emailRef.current);
          }}
        >
          Use another email
        </Button>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Request a password reset">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        ref={emailRef}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        maxLength={LIMITS.emailMax}
        value={email}
        error={error}
        onChange={(event) => {
          setEmail(event.target.value);
          if (error) setError(undefined);
        }}
        disabled={sending}
        required
      />
      <Button type="submit" className="w-full" loading={sending}>
        {sending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
