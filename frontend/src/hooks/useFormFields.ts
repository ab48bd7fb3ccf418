"use client";

import { useState } from "react";

import type { FieldErrors } from "@/lib/validation";

/** A form's values and field errors; editing a field clears that field's error. */
export function useFormFields<T extends { [K in keyof T]: string }>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors<Extract<keyof T, string>>>({});

  function update(field: Extract<keyof T, string>, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  return { values, setValues, errors, setErrors, update };
}
