"use client";

import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";

import { Button } from "@/components/ui/Button";
import { useTaskForm } from "@/hooks/useTaskForm";
import type { TaskInput } from "@/lib/validation";

import { TaskFields } from "./TaskFields";

interface TaskEditFormProps {
  initial: TaskInput;
  onSave: (input: TaskInput) => void;
  onCancel: () => void;
}

export function TaskEditForm({ initial, onSave, onCancel }: TaskEditFormProps) {
  const form = useTaskForm(initial);
  const { validate, titleInput } = form;
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    const title = titleInput();
    title?.focus();
    title?.select();
  }, [titleInput]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitted) return;
    const result = validate();
    if (!result.ok) return;
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
      <TaskFields form={form} purpose="edit" />
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
