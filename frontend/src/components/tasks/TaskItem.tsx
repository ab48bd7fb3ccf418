"use client";

import { useEffect, useId, useRef, useState } from "react";

import { Button } from "@/components/ui/Button";
import { cx } from "@/components/ui/cx";
import { useFocusAfterRender } from "@/hooks/useFocusAfterRender";
import type { Task } from "@/lib/api";
import type { TaskInput } from "@/lib/validation";

import { TaskEditForm } from "./TaskEditForm";

export interface TaskItemProps {
  task: Task;
  busy: boolean;
  onToggle: (task: Task) => void;
  onUpdate: (task: Task, input: TaskInput) => Promise<boolean>;
  onDelete: (task: Task) => void;
}

type Mode = { kind: "view" } | { kind: "edit"; draft: TaskInput } | { kind: "confirm-delete" };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateFormat.format(date);
}

function PencilIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
      <path d="M13.59 3.59a2 2 0 0 1 2.82 2.82l-8.5 8.5a2 2 0 0 1-.9.52l-3 .85a.5.5 0 0 1-.62-.62l.85-3a2 2 0 0 1 .52-.9l8.83-8.17Z" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
      <path
        fillRule="evenodd"
        d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.44c-.8.08-1.58.18-2.36.3a.75.75 0 1 0 .22 1.49l.15-.02.84 10.44A2.75 2.75 0 0 0 7.59 19h4.82a2.75 2.75 0 0 0 2.74-2.6L16 5.96l.15.02a.75.75 0 1 0 .22-1.49A41 41 0 0 0 14 4.19v-.44A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.67.02 2.5.07v-.32c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.32C8.33 4.02 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

/** A description longer than three lines is clamped, with a button to read all of it. */
function Description({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);
  const id = useId();

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    // Measured only while clamped: that is when hidden lines make scrollHeight exceed the box.
    const observer = new ResizeObserver(() => {
      if (element.dataset.clamped === "true") setOverflows(element.scrollHeight > element.clientHeight + 1);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [text]);

  return (
    <>
      <p
        ref={ref}
        id={id}
        data-clamped={!expanded}
        data-testid="task-description"
        className={cx("mt-0.5 text-sm leading-6 whitespace-pre-line break-words text-ink-soft", !expanded && "line-clamp-3")}
      >
        {text}
      </p>
      {overflows ? (
        <Button
          variant="ghost"
          size="sm"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((value) => !value)}
          className="-ml-3"
        >
          {expanded ? "Show less" : "Show more"}
        </Button>
      ) : null}
    </>
  );
}

export function TaskItem({ task, busy, onToggle, onUpdate, onDelete }: TaskItemProps) {
  const [mode, setMode] = useState<Mode>({ kind: "view" });
  const cancelDeleteRef = useRef<HTMLButtonElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const deleteButtonRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const { description } = task;

  useEffect(() => {
    if (mode.kind === "confirm-delete") cancelDeleteRef.current?.focus();
  }, [mode.kind]);

  async function save(input: TaskInput) {
    setMode({ kind: "view" });
    focusAfterRender(() => editButtonRef.current);
    const saved = await onUpdate(task, input);
    // Refused: the task is back as it was; reopen the editor with what was typed.
    if (!saved) setMode({ kind: "edit", draft: input });
  }

  function closeEditor() {
    setMode({ kind: "view" });
    focusAfterRender(() => editButtonRef.current);
  }

  function cancelDelete() {
    setMode({ kind: "view" });
    focusAfterRender(() => deleteButtonRef.current);
  }

  if (mode.kind === "edit") {
    return (
      <li className="rounded-xl border border-brand-200 bg-surface p-4 shadow-sm ring-3 ring-brand-50">
        <TaskEditForm initial={mode.draft} onSave={(input) => void save(input)} onCancel={closeEditor} />
      </li>
    );
  }

  const created = formatDate(task.createdAt);
  const updated = formatDate(task.updatedAt);

  // While a request for this task is in flight its controls refuse input but stay enabled:
  // disabling the focused control would drop keyboard focus to <body>.
  return (
    <li
      className={cx(
        "group rounded-xl border bg-surface p-4 shadow-xs transition-colors",
        task.completed ? "border-line-soft" : "border-line-soft hover:border-line",
      )}
      aria-busy={busy || undefined}
      data-testid="task-item"
    >
      <div className="flex items-start gap-1">
        <label
          data-testid="task-checkbox-target"
          className={cx("-mt-2.5 -ml-3 grid size-11 shrink-0 place-items-center", busy ? "cursor-wait" : "cursor-pointer")}
        >
          <input
            type="checkbox"
            checked={task.completed}
            onChange={() => {
              if (!busy) onToggle(task);
            }}
            aria-disabled={busy || undefined}
            aria-label={`Mark "${task.title}" as ${task.completed ? "not done" : "done"}`}
            className="size-5 cursor-[inherit] rounded accent-brand-600"
          />
        </label>
        <div className="min-w-0 flex-1">
          <p
            data-testid="task-title"
            className={cx(
              "text-[15px] leading-6 font-medium break-words",
              task.completed ? "text-ink-faint line-through" : "text-ink",
            )}
          >
            {task.title}
          </p>
          {description ? <Description text={description} /> : null}
          <p className="mt-1.5 text-xs text-ink-faint">
            {task.completed ? <span className="mr-2 font-medium text-success-700">Done</span> : null}
            <span>Created {created}</span>
            {updated && updated !== created ? <span className="hidden sm:inline"> · Updated {updated}</span> : null}
          </p>
        </div>
        {mode.kind === "view" ? (
          <div className="-mt-2.5 -mr-2 flex shrink-0 gap-0.5 sm:-mt-1 sm:-mr-1 sm:gap-1">
            <Button
              ref={editButtonRef}
              variant="ghost"
              size="sm"
              aria-disabled={busy || undefined}
              onClick={() => {
                if (!busy) setMode({ kind: "edit", draft: { title: task.title, description } });
              }}
              aria-label={`Edit "${task.title}"`}
              className="px-2 sm:px-3"
            >
              <PencilIcon />
              <span className="hidden sm:inline">Edit</span>
            </Button>
            <Button
              ref={deleteButtonRef}
              variant="ghost"
              size="sm"
              aria-disabled={busy || undefined}
              onClick={() => {
                if (!busy) setMode({ kind: "confirm-delete" });
              }}
              aria-label={`Delete "${task.title}"`}
              className="px-2 hover:bg-danger-50 hover:text-danger-700 sm:px-3"
            >
              <TrashIcon />
              <span className="hidden sm:inline">Delete</span>
            </Button>
          </div>
        ) : null}
      </div>
      {mode.kind === "confirm-delete" ? (
        <div
          role="alertdialog"
          aria-label={`Delete "${task.title}"?`}
          aria-describedby={`confirm-${task.id}`}
          className="mt-3 flex flex-col gap-3 rounded-lg bg-danger-50 px-3 py-2.5 sm:flex-row sm:items-center"
          onKeyDown={(event) => {
            if (event.key === "Escape") cancelDelete();
          }}
        >
          <p id={`confirm-${task.id}`} className="flex-1 text-sm text-danger-800">
            Delete this task? This cannot be undone.
          </p>
          <div className="flex justify-end gap-2">
            <Button ref={cancelDeleteRef} variant="secondary" size="sm" onClick={cancelDelete}>
              Cancel
            </Button>
            <Button
              variant="danger"
              size="sm"
              onClick={() => {
                setMode({ kind: "view" });
                onDelete(task);
              }}
            >
              Delete task
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
