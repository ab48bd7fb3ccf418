"use client";

import { useRef, useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/fields";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { renameUser } from "@/lib/account";
import { describeError, isUnauthorized } from "@/lib/errors";
import { LIMITS, validateName } from "@/lib/validation";

interface ProfileFormProps {
  name: string;
  email: string;
  onUnauthorized: () => void;
}

type Outcome = { tone: "success" | "error"; text: string } | null;

export function ProfileForm({ name: savedName, email, onUnauthorized }: ProfileFormProps) {
  const [name, setName] = useState(savedName);
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useFocusAfterRender();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const found = validateName(name);
    setError(found);
    setOutcome(null);
    if (found) {
      nameRef.current?.focus();
      return;
    }
    setSaving(true);
    const result = await renameUser(name);
    setSaving(false);
    if (!result.ok && isUnauthorized(result.error)) {
      onUnauthorized();
      return;
    }
    setOutcome(result.ok ? { tone: "success", text: "Your name has been saved." } : { tone: "error", text: describeError(result.error) });
    if (result.ok) setName(name.trim());
    // The field was disabled while saving: the user carries on from it.
    focusAfterRender(() => nameRef.current);
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Profile">
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      <TextField label="Email" name="email" type="email" value={email} readOnly hint="Your email address cannot be changed." />
      <TextField
        ref={nameRef}
        label="Name"
        name="name"
        autoComplete="name"
        maxLength={LIMITS.nameMax}
        value={name}
        error={error}
        onChange={(event) => {
          setName(event.target.value);
          if (error) setError(undefined);
        }}
        disabled={saving}
        required
      />
      <Button type="submit" loading={saving}>
        {saving ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
