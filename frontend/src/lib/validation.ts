/**
 * The input rules, identical to the API's, checked before anything is sent. The limits are the
 * API document's (docs/openapi.json, through the generated src/lib/api-limits.ts). Lengths are
 * counted in Unicode code points (as Python's `len` does). Passwords are 8..128 characters of any
 * script: the API pre-hashes them before bcrypt, so there is no byte limit to mirror.
 */
import { SCHEMA_LIMITS } from "./api-limits";

export const LIMITS = {
  // An account's address is at most 254 characters (UserPublic); the request bodies take longer
  // strings only to answer them with INVALID_EMAIL.
  emailMax: SCHEMA_LIMITS.UserPublic.email.maxLength,
  nameMax: SCHEMA_LIMITS.SignUpBody.name.maxLength,
  passwordMin: SCHEMA_LIMITS.SignUpBody.password.minLength,
  passwordMax: SCHEMA_LIMITS.SignUpBody.password.maxLength,
  titleMax: SCHEMA_LIMITS.TaskCreate.title.maxLength,
  descriptionMax: SCHEMA_LIMITS.TaskCreate.description.maxLength,
} as const;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function charCount(value: string): number {
  return Array.from(value).length;
}

/** The API's pattern (shared/auth/schemas.py), applied like it to the trimmed, lower-cased value. */
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/;

export function validateEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (!email) return "Enter your email address.";
  if (charCount(email) > LIMITS.emailMax || !EMAIL_PATTERN.test(email)) return "Enter a valid email address.";
  return undefined;
}

/** Full rules, for choosing a password (sign-up, change, reset). */
export function validateNewPassword(password: string): string | undefined {
  if (!password) return "Enter a password.";
  if (charCount(password) < LIMITS.passwordMin) return `Password must be at least ${LIMITS.passwordMin} characters.`;
  if (charCount(password) > LIMITS.passwordMax) return `Password must be at most ${LIMITS.passwordMax} characters.`;
  return undefined;
}

/**
 * For a password the user already has (sign-in, confirming a change or a deletion) only what the
 * API would refuse outright is checked: presence and the upper limit.
 */
export function validateExistingPassword(password: string): string | undefined {
  if (!password) return "Enter your password.";
  if (charCount(password) > LIMITS.passwordMax) return `Password must be at most ${LIMITS.passwordMax} characters.`;
  return undefined;
}

/** The second entry of a new password. */
export function validatePasswordConfirmation(password: string, confirmation: string): string | undefined {
  if (!confirmation) return "Enter the new password again.";
  if (confirmation !== password) return "The two passwords do not match.";
  return undefined;
}

export function validateName(raw: string): string | undefined {
  const name = raw.trim();
  if (!name) return "Enter your name.";
  if (charCount(name) > LIMITS.nameMax) return `Name must be at most ${LIMITS.nameMax} characters.`;
  return undefined;
}

export function validateTitle(raw: string): string | undefined {
  const title = raw.trim();
  if (!title) return "Enter a title.";
  if (charCount(title) > LIMITS.titleMax) return `Title must be at most ${LIMITS.titleMax} characters.`;
  return undefined;
}

export function validateDescription(description: string): string | undefined {
  if (charCount(description) > LIMITS.descriptionMax) {
    return `Description must be at most ${LIMITS.descriptionMax} characters.`;
  }
  return undefined;
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

export interface SignInInput {
  email: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface ResetPasswordInput {
  newPassword: string;
  confirmPassword: string;
}

export interface TaskInput {
  title: string;
  description: string;
}

function compact<K extends string>(errors: Record<K, string | undefined>): FieldErrors<K> {
  const result: FieldErrors<K> = {};
  for (const key of Object.keys(errors) as K[]) {
    const message = errors[key];
    if (message) result[key] = message;
  }
  return result;
}

export function validateSignUp(input: SignUpInput): FieldErrors<keyof SignUpInput> {
  return compact({
    name: validateName(input.name),
    email: validateEmail(input.email),
    password: validateNewPassword(input.password),
  });
}

export function validateSignIn(input: SignInInput): FieldErrors<keyof SignInInput> {
  return compact({
    email: validateEmail(input.email),
    password: validateExistingPassword(input.password),
  });
}

export function validateChangePassword(input: ChangePasswordInput): FieldErrors<keyof ChangePasswordInput> {
  return compact({
    currentPassword: validateExistingPassword(input.currentPassword),
    newPassword: validateNewPassword(input.newPassword),
    confirmPassword: validatePasswordConfirmation(input.newPassword, input.confirmPassword),
  });
}

export function validateResetPassword(input: ResetPasswordInput): FieldErrors<keyof ResetPasswordInput> {
  return compact({
    newPassword: validateNewPassword(input.newPassword),
    confirmPassword: validatePasswordConfirmation(input.newPassword, input.confirmPassword),
  });
}

export function validateTask(input: TaskInput): FieldErrors<keyof TaskInput> {
  return compact({
    title: validateTitle(input.title),
    description: validateDescription(input.description.trim()),
  });
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

/** Trimmed values, exactly what is sent after validation. */
export function normalizeTask(input: TaskInput): { title: string; description: string } {
  return { title: input.title.trim(), description: input.description.trim() };
}
