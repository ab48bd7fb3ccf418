
import {
  LIMITS,
  charCount,
  validateEmail,
  validateExistingPassword,
  validateName,
  validateNewPassword,
  validateChangePassword,
  validateResetPassword,
  validateSignUp,
  validateTask,
  normalizeTask,
} from "@/lib/validation";

describe("email", () => {
  it.each(["user@example.com", "  First.Last+tag@Sub.Example.org  ", "a@b.co"])("accepts %j", (email) => {
    expect(validateEmail(email)).toBeUndefined();
  });

  it.each(["", "   ", "user", "user@", "@example.com", "user@example", "user@example.c", "a b@example.com", "a@b@c.com"])(
    "rejects %j",
    (email) => {
      expect(validateEmail(email)).toMatch(/email/i);
    },
  );

  it("rejects addresses longer than 254 characters", () => {
    const email = `${"a".repeat(250)}@x.io`;
    expect(validateEmail(email)).toBe("Enter a valid email address.");
  });
});

describe("new password", () => {
  it("needs 8 to 128 characters", () => {
    expect(validateNewPassword("")).toBe("Enter a password.");
    expect(validateNewPassword("1234567")).toBe("Password must be at least 8 characters.");
    expect(validateNewPassword("12345678")).toBeUndefined();
    expect(validateNewPassword("x".repeat(72))).toBeUndefined();
    expect(validateNewPassword("x".repeat(129))).toBe("Password must be at most 128 characters.");
  });

  it("accepts any script up to 128 characters, with no byte limit (the API pre-hashes before bcrypt)", () => {
    const emoji = "😀".repeat(128); // 128 characters, 512 UTF-8 bytes
    expect(charCount(emoji)).toBe(128);
    expect(validateNewPassword(emoji)).toBeUndefined();
    expect(validateNewPassword(`${emoji}a`)).toBe("Password must be at most 128 characters.");
    expect(validateNewPassword("é".repeat(40))).toBeUndefined(); // 40 characters, 80 bytes
    expect(validateNewPassword("пароль-для-входа")).toBeUndefined();
  });

  it("counts characters as code points, as the API does", () => {
    expect(validateNewPassword("😀".repeat(8))).toBeUndefined(); // 8 characters (16 UTF-16 units), 32 bytes
    expect(validateNewPassword("😀😀😀😀😀😀😀")).toBe("Password must be at least 8 characters.");
  });
});

describe("existing password (sign-in)", () => {
  it("only checks presence and the upper limits", () => {
    expect(validateExistingPassword("")).toBe("Enter your password.");
    expect(validateExistingPassword("short")).toBeUndefined();
    expect(validateExistingPassword("é".repeat(40))).toBeUndefined();
    expect(validateExistingPassword("é".repeat(129))).toBe("Password must be at most 128 characters.");
  });
});

describe("changing and resetting a password", () => {
  it("checks the current password's presence, the new one's rules and the confirmation", () => {
    expect(validateChangePassword({ currentPassword: "", newPassword: "short", confirmPassword: "" })).toEqual({
      currentPassword: "Enter your password.",
      newPassword: "Password must be at least 8 characters.",
      confirmPassword: "Enter the new password again.",
    });
    expect(
      validateChangePassword({ currentPassword: "old", newPassword: "long enough", confirmPassword: "long enougH" }),
    ).toEqual({ confirmPassword: "The two passwords do not match." });
    expect(
      validateChangePassword({ currentPassword: "old", newPassword: "ÉÉÉÉÉÉÉÉ", confirmPassword: "ÉÉÉÉÉÉÉÉ" }),
    ).toEqual({});
  });

  it("a reset needs a valid new password typed twice", () => {
    expect(validateResetPassword({ newPassword: "", confirmPassword: "" })).toEqual({
      newPassword: "Enter a password.",
      confirmPassword: "Enter the new password again.",
    });
    expect(validateResetPassword({ newPassword: "new password", confirmPassword: "new password" })).toEqual({});
  });
});

describe("name", () => {
  it("must not be blank and at most 100 characters", () => {
    expect(validateName("   ")).toBe("Enter your name.");
    expect(validateName(" Ada ")).toBeUndefined();
    expect(validateName("n".repeat(LIMITS.nameMax + 1))).toBe("Name must be at most 100 characters.");
  });
});

describe("task", () => {
  it("title is 1..200 characters after trimming", () => {
    expect(validateTask({ title: "   ", description: "" }).title).toBe("Enter a title.");
    expect(validateTask({ title: `  ${"t".repeat(200)}  `, description: "" })).toEqual({});
    expect(validateTask({ title: "t".repeat(201), description: "" }).title).toBe("Title must be at most 200 characters.");
  });

  it("description is at most 2000 characters", () => {
    expect(validateTask({ title: "ok", description: "d".repeat(2000) })).toEqual({});
    expect(validateTask({ title: "ok", description: "d".repeat(2001) }).description).toBe(
      "Description must be at most 2000 characters.",
    );
  });

  it("sends trimmed values", () => {
    expect(normalizeTask({ title: "  Buy milk ", description: " 2 litres \n" })).toEqual({
      title: "Buy milk",
      description: "2 litres",
    });
  });
});

it("collects every sign-up error at once", () => {
  expect(validateSignUp({ name: "", email: "nope", password: "short" })).toEqual({
    name: "Enter your name.",
    email: "Enter a valid email address.",
    password: "Password must be at least 8 characters.",
  });
  expect(validateSignUp({ name: "Ada", email: "ada@example.com", password: "correct horse" })).toEqual({});
});
