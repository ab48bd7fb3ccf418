import type { ComponentProps } from "react";

import { TextField } from "@/components/ui/fields";
import { LIMITS } from "@/lib/validation";

type TextFieldProps = ComponentProps<typeof TextField>;

type EmailFieldProps = Omit<TextFieldProps, "label" | "type">;

/** An email address to sign in or be reached with: the browser's email keyboard and autofill. */
export function EmailField(props: EmailFieldProps) {
  return (
    <TextField
      label="Email"
      type="email"
      autoComplete="email"
      inputMode="email"
      maxLength={LIMITS.emailMax}
      required
      {...props}
    />
  );
}

type NameFieldProps = Omit<TextFieldProps, "label">;

/** The name shown in the app: chosen at sign-up, changed on the account page. */
export function NameField(props: NameFieldProps) {
  return <TextField label="Name" autoComplete="name" maxLength={LIMITS.nameMax} required {...props} />;
}

interface PasswordFieldProps extends Omit<TextFieldProps, "type" | "autoComplete"> {
  /** The password the user has (autofilled), or a new one (a password manager may offer one). */
  purpose: "current" | "new";
}

export function PasswordField({ purpose, ...props }: PasswordFieldProps) {
  return (
    <TextField type="password" autoComplete={purpose === "new" ? "new-password" : "current-password"} required {...props} />
  );
}
