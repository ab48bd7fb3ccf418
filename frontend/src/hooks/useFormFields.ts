"use client";

import { useRef, useState, type ChangeEvent } from "react";

import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import type { FieldErrors } from "@/lib/validation";

/** What an input needs from its form: spread on a TextField (or EmailField, PasswordField). */
export interface FieldBinding {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  ref: (element: HTMLInputElement | null) => void;
}

/**
 * A form's values and field errors; editing a field clears that field's error. The fields are
 * known in the order of `initial`: the first one a check faults is the one focused.
 */
export function useFormFields<T extends { [K in keyof T]: string }>(initial: T) {
  type Field = Extract<keyof T, string>;
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [order] = useState(() => Object.keys(initial) as Field[]);
  const inputs = useRef(new Map<Field, HTMLInputElement>());
  const focusAfterRender = useFocusAfterRender();

  function update(field: Field, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function field(name: Field): FieldBinding {
    return {
      name,
      value: values[name],
      error: errors[name],
      onChange: (event) => update(name, event.target.value),
      ref: (element) => {
        if (element) inputs.current.set(name, element);
        else inputs.current.delete(name);
      },
    };
  }

  /** Shows what `validate` finds and focuses the first field it faults; answers whether all is well. */
  function check(validate: (values: T) => FieldErrors<Field>): boolean {
    const found = validate(values);
    setErrors(found);
    const first = order.find((name) => found[name]);
    if (first) inputs.current.get(first)?.focus();
    return first === undefined;
  }

  /** Focuses a field once the next render is committed (until then it may still be disabled). */
  function focusField(name: Field) {
    focusAfterRender(() => inputs.current.get(name));
  }

  /** Empties fields to be typed again, and focuses the first of them once the form is usable. */
  function retype(...names: [Field, ...Field[]]) {
    setValues((current) => ({ ...current, ...Object.fromEntries(names.map((name) => [name, ""])) }));
    focusField(names[0]);
  }

  return { values, setValues, setErrors, field, check, focusField, retype };
}
