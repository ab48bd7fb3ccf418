"use client";

import { useCallback, useState } from "react";

import { hasErrors, normalizeTask, validateTask, type FieldErrors, type TaskInput } from "@/lib/validation";

export type TaskFormResult =
  | { ok: true; input: TaskInput }
  | { ok: false; errors: FieldErrors<keyof TaskInput> };

/** Title/description state shared by the create and edit forms, validated with the API's rules. */
export function useTaskForm(initial: TaskInput = { title: "", description: "" }) {
  const [values, setValues] = useState<TaskInput>(initial);
  const [errors, setErrors] = useState<FieldErrors<keyof TaskInput>>({});

  const setField = useCallback((field: keyof TaskInput, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** The trimmed values to send, or the errors (also shown) if they break a rule. */
  const validate = useCallback((): TaskFormResult => {
    const found = validateTask(values);
    setErrors(found);
    return hasErrors(found) ? { ok: false, errors: found } : { ok: true, input: normalizeTask(values) };
  }, [values]);

  const reset = useCallback((next: TaskInput = { title: "", description: "" }) => {
    setValues(next);
    setErrors({});
  }, []);

  /** Puts refused input back, unless the user has started typing something else meanwhile. */
  const restore = useCallback((input: TaskInput) => {
    setValues((current) => (current.title === "" && current.description === "" ? input : current));
  }, []);

  return { values, errors, setField, validate, reset, restore };
}
