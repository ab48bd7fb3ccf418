"use client";

import { useState, type FormEvent } from "react";

/** Answered by a form's `send` when the page leaves next: the form stays disabled until it goes. */
export const LEAVING = Symbol("leaving");

/** What `send` answers: LEAVING, the message for the form's alert, or nothing (all went well). */
export type SendOutcome = typeof LEAVING | string | void;

/**
 * What every form does when it is sent: nothing while a submission is in flight; the form's own
 * error cleared; `check` (which shows and focuses what is wrong); then `send`, with the form
 * disabled until it has answered, and the message it answers shown in the form's alert.
 */
export function useSubmit(check: () => boolean, send: () => Promise<SendOutcome>) {
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setFormError(null);
    if (!check()) return;
    setSubmitting(true);
    let outcome: SendOutcome = undefined;
    try {
      outcome = await send();
    } finally {
      if (outcome !== LEAVING) setSubmitting(false);
    }
    if (typeof outcome === "string") setFormError(outcome);
  }

  return { submitting, formError, setFormError, handleSubmit };
}
