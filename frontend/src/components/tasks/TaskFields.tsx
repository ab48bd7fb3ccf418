import { TextAreaField, TextField } from "@/components/ui/fields";
import type { TaskForm } from "@/hooks/useTaskForm";

/** How the two task forms word their fields: adding a task, and editing one in the list. */
const WORDING = {
  new: {
    title: { label: "New task", placeholder: "What needs doing?", autoComplete: "off" },
    description: { label: "Description (optional)", placeholder: "Add details", rows: 2, className: "min-h-16" },
  },
  edit: {
    title: { label: "Title" },
    description: { label: "Description", rows: 3 },
  },
} as const;

/** A task's title and description, bound to a useTaskForm. */
export function TaskFields({ form, purpose }: { form: TaskForm; purpose: keyof typeof WORDING }) {
  const wording = WORDING[purpose];
  const { values, errors, setField, keepTitleInput, keepDescriptionInput } = form;
  return (
    <>
      <TextField
        {...wording.title}
        ref={keepTitleInput}
        name="title"
        value={values.title}
        error={errors.title}
        onChange={(event) => setField("title", event.target.value)}
      />
      <TextAreaField
        {...wording.description}
        ref={keepDescriptionInput}
        name="description"
        value={values.description}
        error={errors.description}
        onChange={(event) => setField("description", event.target.value)}
      />
    </>
  );
}
