// The text half of config validation: what each problem code of check-config.ts says. Only
// `validateConfig` and `assertValidConfig` import it, so builds that only need a yes/no answer
// (`isValidConfig`) ship none of these strings.

import type { ErrorCode, WarningCode } from "./check-config.js";
import { FLAG_NAME_RULE } from "./flag-name.js";

/** How a value is named in a message: `"text"`, `number 2`, `an empty array`, `null`. */
export const describeValue = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? value.length === 0
        ? "an empty array"
        : "an array"
      : typeof value === "string"
        ? `"${value}"`
        : typeof value === "object"
          ? "an object"
          : `${typeof value} ${String(value)}`;

type Text = (a: unknown, b: unknown) => string;
const got = (expected: string): Text => (a) => `must be ${expected}, got ${describeValue(a)}`;

const ERRORS: Record<ErrorCode, Text> = {
  root: (a) => `config must be an object, got ${describeValue(a)}`,
  reserved: (a, b) => `reserved name "${String(a)}" is not allowed${b ? ` as ${b === "flag" ? "a flag" : "an experiment"} name` : ""}`,
  "version-missing": () => "is required (use 1)",
  version: got("1"),
  "flags-missing": () => "is required (an object of flag definitions)",
  object: got("an object"),
  "too-many": (a, b) => `has ${String(a)} entries; at most ${String(b)} are allowed`,
  "flag-name": (a) => `flag name must be ${FLAG_NAME_RULE}, got "${String(a)}"`,
  "name-length": (a, b) => `name is ${String(a)} characters long; at most ${String(b)} are allowed`,
  "default-missing": () => "is required (true or false)",
  boolean: got("a boolean"),
  "name-mismatch": (a, b) => `must equal the key "${String(a)}", got ${describeValue(b)}`,
  string: got("a string"),
  strategy: got('one of "immediate", "gradual", "ab_test"'),
  semver: got('a semver string such as "1.0.0"'),
  rollout: got('an object like { "percentage": 10 }'),
  percentage: got("a number from 0 to 100"),
  "non-empty-string": got("a non-empty string"),
  "dependency-list": got("an array of flag names"),
  "dependency-type": got("a flag name"),
  "self-dependency": () => "flag cannot depend on itself",
  "duplicate-dependency": (a) => `duplicate dependency "${String(a)}"`,
  "unknown-flag": (a) => `unknown flag "${String(a)}"`,
  cycle: (a) => `dependency cycle: ${(a as string[]).join(" -> ")}`,
  experiment: got("an object with variants and weights"),
  variants: got("a non-empty array of variant names"),
  "duplicate-variant": (a) => `duplicate variant "${String(a)}"`,
  weights: got("an array of numbers"),
  finite: got("a finite number"),
  negative: (a) => `must be >= 0, got ${String(a)}`,
  "weight-count": (a, b) => `has ${String(a)} weights for ${String(b)} variants`,
  "weight-sum": (a) => `must sum to 1 (±1e-9), got ${String(a)}`,
  values: got("an object of flag names to booleans"),
  "too-deep": (a) => `nests objects and arrays more than ${String(a)} levels deep (the limit of a config document)`,
};

const WARNINGS: Record<WarningCode, (a: string) => string> = {
  "unknown-top-key": (a) => `unknown top-level key "${a}" is ignored`,
  "unknown-key": (a) => `unknown key "${a}" is ignored`,
  "undeclared-value": (a) => `value for undeclared flag "${a}" is ignored`,
};

/** The message of an error code, as `validateConfig` reports it. */
export function errorMessage(code: ErrorCode, a?: unknown, b?: unknown): string {
  return ERRORS[code](a, b);
}

/** The message of a warning code, as `validateConfig` reports it. */
export function warningMessage(code: WarningCode, a: string): string {
  return WARNINGS[code](a);
}
