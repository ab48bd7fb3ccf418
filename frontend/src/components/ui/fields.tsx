import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from "react";

import { cx } from "./cx";

const CONTROL =
  "block w-full rounded-lg border bg-surface px-3 text-sm text-ink shadow-xs placeholder:text-ink-faint " +
  "transition-colors focus:outline-none focus:ring-3 disabled:cursor-not-allowed disabled:bg-muted";

function controlState(invalid: boolean): string {
  return invalid
    ? "border-danger-400 focus:border-danger-500 focus:ring-danger-100"
    : "border-line focus:border-brand-500 focus:ring-brand-100";
}

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  hideLabel?: boolean;
  children: ReactNode;
}

function FieldShell({ id, label, hint, error, hideLabel, children }: FieldShellProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className={cx("block text-sm font-medium text-ink", hideLabel && "sr-only")}>
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-ink-soft">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string;
  hideLabel?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, hideLabel, className, ref, ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cx(CONTROL, "h-11 sm:h-10", controlState(Boolean(error)), className)}
        {...rest}
      />
    </FieldShell>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string;
  hideLabel?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ label, hint, error, hideLabel, className, ref, ...rest }: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <textarea
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cx(CONTROL, "min-h-20 resize-y py-2 leading-6", controlState(Boolean(error)), className)}
        {...rest}
      />
    </FieldShell>
  );
}

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type"> {
  label: string;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A checkbox whose whole label row (at least 44 px tall on a phone) is the touch target. */
export function CheckboxField({ label, hint, className, ref, ...rest }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 text-sm text-ink sm:min-h-8">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          aria-describedby={hint ? `${id}-hint` : undefined}
          className="size-5 shrink-0 rounded accent-brand-600 disabled:cursor-not-allowed"
          {...rest}
        />
        <span className="font-medium">{label}</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="ml-8 text-xs text-ink-soft">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
