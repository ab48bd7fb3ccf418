"use client";

import { useRef, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/Button";
import { TextAreaField, TextField } from "@/components/ui/fields";
import { useTaskForm } from "@/hooks/useTaskForm";
import { LIMITS, type TaskInput } from "@/lib/validation";

interface NewTaskFormProps {
  onCreate: (input: TaskInput) => Promise<boolean>;
}

export function NewTaskForm({ onCreate }: NewTaskFormProps) {
  const { values, errors, setField, validate, reset } = useTaskForm();
  const [saving, setSaving] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const result = validate();
    if (!result.ok) {
      (result.errors.title ? titleRef : descriptionRef).current?.focus();
      return;
    }
    setSaving(true);
    const created = await onCreate(result.input);
    setSaving(false);
    if (created) reset();
    titleRef.current?.focus();
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      aria-label="Add a task"
      className="rounded-2xl border border-line-soft bg-surface p-4 shadow-sm sm:p-5"
    >
      <div className="space-y-3">
        <TextField
          ref={titleRef}
          label="New task"
          name="title"
          placeholder="What needs doing?"
          autoComplete="off"
          value={values.title}
          error={errors.title}
          onChange={(event) => setField("title", event.target.value)}
          disabled={saving}
        />
        <TextAreaField
          ref={descriptionRef}
          label="Description (optional)"
          name="description"
          rows={2}
          placeholder="Add details"
          value={values.description}
          error={errors.description}
          onChange={(event) => setField("description", event.target.value)}
          disabled={saving}
          className="min-h-16"
        />
      </div>
      <div className="mt-4 flex items-center justify-between gap-4">
        <p className="hidden text-xs text-ink-faint sm:block">
          Title up to {LIMITS.titleMax} characters, description up to {LIMITS.descriptionMax}.
        </p>
        <Button type="submit" loading={saving} className="w-full sm:w-auto">
          {saving ? "Adding…" : "Add task"}
        </Button>
      </div>
    </form>
  );
}
