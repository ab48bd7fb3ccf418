"use client";

import { useRef, useState } from "react";

import { PasswordField } from "@/components/auth/AccountFields";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { useFormFields } from "@/hooks/useFormFields";
import { LEAVING, useSubmit } from "@/hooks/useSubmit";
import { deleteAccount } from "@/lib/account";
import { describeError, isUnauthorized } from "@/lib/errors";
import { validateExistingPassword } from "@/lib/validation";

interface DeleteAccountFormProps {
  onUnauthorized: () => void;
  /** The account is gone: leave for sign-in, saying so. */
  onDeleted: () => Promise<void>;
}

export function DeleteAccountForm({ onUnauthorized, onDeleted }: DeleteAccountFormProps) {
  const [open, setOpen] = useState(false);
  const form = useFormFields({ password: "" });
  const openRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const { submitting: deleting, formError, setFormError, handleSubmit } = useSubmit(
    () => form.check(({ password }) => ({ password: validateExistingPassword(password) })),
    async () => {
      const result = await deleteAccount(form.values.password);
      if (result.ok) {
        await onDeleted();
        return LEAVING;
      }
      if (isUnauthorized(result.error)) {
        onUnauthorized();
        return;
      }
      form.retype("password");
      return describeError(result.error);
    },
  );

  function start() {
    setOpen(true);
    form.focusField("password");
  }

  function cancel() {
    setOpen(false);
    form.setValues({ password: "" });
    form.setErrors({});
    setFormError(null);
    focusAfterRender(() => openRef.current);
  }

  if (!open) {
    return (
      <Button ref={openRef} variant="danger" onClick={start}>
        Delete account…
      </Button>
    );
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      aria-label="Delete account"
      className="space-y-4 rounded-lg bg-danger-50 p-3 sm:p-4"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !deleting) cancel();
      }}
    >
      <p className="text-sm text-danger-800">
        This deletes your account, all your tasks and every session, on every device. It cannot be undone.
      </p>
      {formError ? <Alert>{formError}</Alert> : null}
      <PasswordField {...form.field("password")} label="Your password" purpose="current" disabled={deleting} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" loading={deleting}>
          {deleting ? "Deleting…" : "Delete my account"}
        </Button>
        <Button variant="secondary" onClick={cancel} disabled={deleting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
