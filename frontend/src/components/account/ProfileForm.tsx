"use client";

import { useState } from "react";

import { NameField } from "@/components/auth/AccountFields";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/fields";
import { useFormFields } from "@/hooks/useFormFields";
import { useSubmit } from "@/hooks/useSubmit";
import { renameUser } from "@/lib/account";
import { describeError, isUnauthorized } from "@/lib/errors";
import { validateName } from "@/lib/validation";

interface ProfileFormProps {
  name: string;
  email: string;
  onUnauthorized: () => void;
}

type Outcome = { tone: "success" | "error"; text: string } | null;

export function ProfileForm({ name: savedName, email, onUnauthorized }: ProfileFormProps) {
  const form = useFormFields({ name: savedName });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { submitting: saving, handleSubmit } = useSubmit(
    () => {
      setOutcome(null);
      return form.check(({ name }) => ({ name: validateName(name) }));
    },
    async () => {
      const name = form.values.name;
      const result = await renameUser(name);
      if (!result.ok && isUnauthorized(result.error)) {
        onUnauthorized();
        return;
      }
      setOutcome(result.ok ? { tone: "success", text: "Your name has been saved." } : { tone: "error", text: describeError(result.error) });
      if (result.ok) form.setValues({ name: name.trim() });
      // The field was disabled while saving: the user carries on from it.
      form.focusField("name");
    },
  );

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4" aria-label="Profile">
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      <TextField label="Email" name="email" type="email" value={email} readOnly hint="Your email address cannot be changed." />
      <NameField {...form.field("name")} disabled={saving} />
      <Button type="submit" loading={saving}>
        {saving ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
