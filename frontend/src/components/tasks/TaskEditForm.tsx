"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { Button } from "@/components/ui/Button";
import { TextAreaField, TextField } from "@/components/ui/fields";
import { useTaskForm } from "@/hooks/useTaskForm";
import type { TaskInput } from "@/lib/validation";

interface TaskEditFormProps {
  initial: TaskInput;
  onSave: (input: TaskInput) => void;
  onCancel: () => void;
}

export function TaskEditForm({ initial, onSave, onCancel }: TaskEditFormProps) {
  const { values, errors, setField, validate } = useTaskForm(initial);
  const [submitted, setSubmitted] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitted) return;
    const result = validate();
    if (!result.ok) {
      (result.errors.title ? titleRef : descriptionRef).current?.focus();
      return;
    }
    setSubmitted(true);
    onSave(result.input);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} onKeyDown={handleKeyDown} aria-label="Edit task" className="space-y-3">
      <TextField
        ref={titleRef}
        label="Title"
        name="title"
        value={values.title}
        error={errors.title}
        onChange={(event) => setField("title", event.target.value)}
      />
      <TextAreaField
        ref={descriptionRef}
        label="Description"
        name="description"
        rows={3}
        value={values.description}
        error={errors.description}
        onChange={(event) => setField("description", event.target.value)}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" loading={submitted}>
          Save
        </Button>
      </div>
    </form>
  );
}
