"use client";

import { useRef, useState } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CheckedForm } from "@/components/ui/Form";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { useFormFields } from "@/hooks/useFormFields";
import { useSubmit } from "@/hooks/useSubmit";
import { requestPasswordReset } from "@/lib/account";
import { describeError } from "@/lib/errors";
import { validateEmail } from "@/lib/validation";

import { EmailField } from "./AccountFields";

interface ForgotPasswordFormProps {
  /** Where the emailed link lands (this site's /reset-password). */
  redirectTo: () => string;
}

export function ForgotPasswordForm({ redirectTo }: ForgotPasswordFormProps) {
  const form = useFormFields({ email: "" });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const { submitting, formError, handleSubmit } = useSubmit(
    () => form.check(({ email }) => ({ email: validateEmail(email) })),
    async () => {
      const { email } = form.values;
      const result = await requestPasswordReset(email, redirectTo());
      if (result.ok) {
        // The same words whether or not the address has an account: the page must not tell.
        setSentTo(email.trim());
        focusAfterRender(() => sentRef.current);
        return;
      }
      form.focusField("email");
      return describeError(result.error);
    },
  );

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
            form.focusField("email");
          }}
        >
          Use another email
        </Button>
      </div>
    );
  }

  return (
    <CheckedForm onSubmit={handleSubmit} label="Request a password reset" error={formError}>
      <EmailField {...form.field("email")} disabled={submitting} />
      <Button type="submit" className="w-full" loading={submitting}>
        {submitting ? "Sending…" : "Send reset link"}
      </Button>
    </CheckedForm>
  );
}
