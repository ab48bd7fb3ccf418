"use client";

import { useCallback, useRef, useState } from "react";

import { hasErrors, normalizeTask, validateTask, type FieldErrors, type TaskInput } from "@/lib/validation";

export type TaskFormResult =
  | { ok: true; input: TaskInput }
  | { ok: false; errors: FieldErrors<keyof TaskInput> };

/** Title/description state shared by the create and edit forms, validated with the API's rules. */
export function useTaskForm(initial: TaskInput = { title: "", description: "" }) {
  const [values, setValues] = useState<TaskInput>(initial);
  const [errors, setErrors] = useState<FieldErrors<keyof TaskInput>>({});
  // The inputs, for focus: the first one in error after a check, the title after adding a task.
  const inputs = useRef<{ title: HTMLInputElement | null; description: HTMLTextAreaElement | null }>({
    title: null,
    description: null,
  });
  const keepTitleInput = useCallback((element: HTMLInputElement | null) => {
    inputs.current.title = element;
  }, []);
  const keepDescriptionInput = useCallback((element: HTMLTextAreaElement | null) => {
    inputs.current.description = element;
  }, []);
  const titleInput = useCallback(() => inputs.current.title, []);

  const setField = useCallback((field: keyof TaskInput, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** The trimmed values to send, or the errors (shown, the first field in error focused). */
  const validate = useCallback((): TaskFormResult => {
    const found = validateTask(values);
    setErrors(found);
    if (!hasErrors(found)) return { ok: true, input: normalizeTask(values) };
    (found.title ? inputs.current.title : inputs.current.description)?.focus();
    return { ok: false, errors: found };
  }, [values]);

  const reset = useCallback((next: TaskInput = { title: "", description: "" }) => {
    setValues(next);
    setErrors({});
  }, []);

  /** Puts refused input back, unless the user has started typing something else meanwhile. */
  const restore = useCallback((input: TaskInput) => {
    setValues((current) => (current.title === "" && current.description === "" ? input : current));
  }, []);

  return { values, errors, setField, validate, reset, restore, keepTitleInput, keepDescriptionInput, titleInput };
}

export type TaskForm = ReturnType<typeof useTaskForm>;
