import type { FormHTMLAttributes } from "react";

import { Alert } from "./Alert";
import { cx } from "./cx";

interface CheckedFormProps extends FormHTMLAttributes<HTMLFormElement> {
  label: string;
  /** The form's own error (the API's answer to the whole form), shown above its fields. */
  error: string | null;
}

/** A form whose fields are checked by the app with the API's rules (not the browser's: noValidate). */
export function CheckedForm({ label, error, className, children, ...rest }: CheckedFormProps) {
  return (
    <form noValidate aria-label={label} className={cx("space-y-4", className)} {...rest}>
      {error ? <Alert>{error}</Alert> : null}
      {children}
    </form>
  );
}
