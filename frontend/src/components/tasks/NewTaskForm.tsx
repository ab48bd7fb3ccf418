"use client";

import { useId, useRef, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import { useTaskForm } from "@/hooks/useTaskForm";
import { LIMITS, type TaskInput } from "@/lib/validation";

import { TaskFields } from "./TaskFields";

interface NewTaskFormProps {
  onCreate: (input: TaskInput) => Promise<boolean>;
}

function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
      <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
    </svg>
  );
}

/**
 * Adds tasks in a row: the form empties as soon as a valid task is sent (the list shows it at
 * once), the title field keeps focus and stays enabled, so the next title can be typed while the
 * last one saves. A refused task comes back into the form if nothing new was typed. On a phone the
 * form hides behind a button so that the first screen shows the list.
 */
export function NewTaskForm({ onCreate }: NewTaskFormProps) {
  const form = useTaskForm();
  const { validate, reset, restore, titleInput } = form;
  const [openOnPhone, setOpenOnPhone] = useState(false);
  const formId = useId();
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate();
    if (!result.ok) return;
    reset();
    focusAfterRender(titleInput);
    const created = await onCreate(result.input);
    if (!created) restore(result.input);
  }

  function open() {
    setOpenOnPhone(true);
    focusAfterRender(titleInput);
  }

  function close() {
    setOpenOnPhone(false);
    focusAfterRender(() => openButtonRef.current);
  }

  return (
    <div>
      {openOnPhone ? null : (
        <Button
          ref={openButtonRef}
          className="w-full sm:hidden"
          aria-expanded={false}
          aria-controls={formId}
          onClick={open}
        >
          <PlusIcon />
          Add a task
        </Button>
      )}
      <form
        id={formId}
        noValidate
        onSubmit={handleSubmit}
        onKeyDown={(event) => {
          if (event.key === "Escape" && openOnPhone) close();
        }}
        aria-label="Add a task"
        className={cx(
          "rounded-2xl border border-line-soft bg-surface p-4 shadow-sm sm:block sm:p-5",
          openOnPhone ? "block" : "hidden",
        )}
      >
        <div className="space-y-3">
          <TaskFields form={form} purpose="new" />
        </div>
        <div className="mt-4 flex items-center justify-between gap-3">
          <p className="hidden text-xs text-ink-soft sm:block">
            Title up to {LIMITS.titleMax} characters, description up to {LIMITS.descriptionMax}.
          </p>
          <Button variant="secondary" className="flex-1 sm:hidden" onClick={close}>
            Close
          </Button>
          <Button type="submit" className="flex-1 sm:flex-none">
            Add task
          </Button>
        </div>
      </form>
    </div>
  );
}
