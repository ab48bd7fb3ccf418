/**
 * The input rules, identical to the API's, checked before anything is sent. Lengths are counted
 * in Unicode code points (as Python's `len` does), the password's byte limit in UTF-8 bytes
 * (bcrypt only accepts 72).
 */
export const LIMITS = {
  emailMax: 254,
  nameMax: 100,
  passwordMin: 8,
  passwordMax: 128,
  passwordMaxBytes: 72,
  titleMax: 200,
  descriptionMax: 2000,
} as const;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function charCount(value: string): number {
  return Array.from(value).length;
}

export function utf8Bytes(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** The API's pattern (shared/auth/schemas.py), applied like it to the trimmed, lower-cased value. */
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/;

export function validateEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (!email) return "Enter your email address.";
  if (charCount(email) > LIMITS.emailMax || !EMAIL_PATTERN.test(email)) return "Enter a valid email address.";
  return undefined;
}

const PASSWORD_BYTES_MESSAGE = `Password must be at most ${LIMITS.passwordMaxBytes} bytes (fewer characters if it has accents or emoji).`;

/** Full rules, for choosing a password at sign-up. */
export function validateNewPassword(password: string): string | undefined {
  if (!password) return "Enter a password.";
  if (charCount(password) < LIMITS.passwordMin) return `Password must be at least ${LIMITS.passwordMin} characters.`;
  if (charCount(password) > LIMITS.passwordMax) return `Password must be at most ${LIMITS.passwordMax} characters.`;
  if (utf8Bytes(password) > LIMITS.passwordMaxBytes) return PASSWORD_BYTES_MESSAGE;
  return undefined;
}

/** At sign-in only what the API would refuse outright is checked: presence and the upper limits. */
export function validateExistingPassword(password: string): string | undefined {
  if (!password) return "Enter your password.";
  if (charCount(password) > LIMITS.passwordMax) return `Password must be at most ${LIMITS.passwordMax} characters.`;
  if (utf8Bytes(password) > LIMITS.passwordMaxBytes) return PASSWORD_BYTES_MESSAGE;
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
