"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/fields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
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
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useFocusAfterRender();

  function start() {
    setOpen(true);
    focusAfterRender(() => passwordRef.current);
  }

  function cancel() {
    setOpen(false);
    setPassword("");
    setError(undefined);
    setFormError(null);
    focusAfterRender(() => openRef.current);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (deleting) return;
    const found = validateExistingPassword(password);
    setError(found);
    setFormError(null);
    if (found) {
      passwordRef.current?.focus();
      return;
    }
    setDeleting(true);
    const result = await deleteAccount(password);
    if (result.ok) {
      await onDeleted();
      return;
    }
    setDeleting(false);
    if (isUnauthorized(result.error)) {
      onUnauthorized();
      return;
    }
    setFormError(describeError(result.error));
    setPassword("");
    focusAfterRender(() => passwordRef.current);
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
      <TextField
        ref={passwordRef}
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        error={error}
        onChange={(event) => {
          setPassword(event.target.value);
          if (error) setError(undefined);
        }}
        disabled={deleting}
        required
      />
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
