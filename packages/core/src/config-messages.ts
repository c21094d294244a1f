// The text half of config validation: what each problem code of check-config.ts says. Only
// `validateConfig` and `assertValidConfig` import it, so builds that only need a yes/no answer
// (`isValidConfig`) ship none of these strings.

import * as P from "./config-problem-codes.js";
import type { ErrorCode, WarningCode } from "./config-problem-codes.js";
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

// Indexed by code: error codes are 0, 1, 2, ... in config-problem-codes.ts (an array needs no keys).
const ERRORS: readonly Text[] = [
  // ROOT
  (a) => `config must be an object, got ${describeValue(a)}`,
  // RESERVED
  (a, b) => `reserved name "${String(a)}" is not allowed${b ? ` as ${b === "flag" ? "a flag" : "an experiment"} name` : ""}`,
  // VERSION_MISSING
  () => "is required (use 1)",
  // VERSION
  got("1"),
  // FLAGS_MISSING
  () => "is required (an object of flag definitions)",
  // OBJECT
  got("an object"),
  // TOO_MANY
  (a, b) => `has ${String(a)} entries; at most ${String(b)} are allowed`,
  // FLAG_NAME
  (a) => `flag name must be ${FLAG_NAME_RULE}, got "${String(a)}"`,
  // NAME_LENGTH
  (a, b) => `name is ${String(a)} characters long; at most ${String(b)} are allowed`,
  // DEFAULT_MISSING
  () => "is required (true or false)",
  // BOOLEAN
  got("a boolean"),
  // NAME_MISMATCH
  (a, b) => `must equal the key "${String(a)}", got ${describeValue(b)}`,
  // STRING
  got("a string"),
  // STRATEGY
  got('one of "immediate", "gradual", "ab_test"'),
  // SEMVER
  got('a semver string such as "1.0.0"'),
  // ROLLOUT
  got('an object like { "percentage": 10 }'),
  // PERCENTAGE
  got("a number from 0 to 100"),
  // NON_EMPTY_STRING
  got("a non-empty string"),
  // DEPENDENCY_LIST
  got("an array of flag names"),
  // DEPENDENCY_TYPE
  got("a flag name"),
  // SELF_DEPENDENCY
  () => "flag cannot depend on itself",
  // DUPLICATE_DEPENDENCY
  (a) => `duplicate dependency "${String(a)}"`,
  // UNKNOWN_FLAG
  (a) => `unknown flag "${String(a)}"`,
  // CYCLE
  (a) => `dependency cycle: ${(a as string[]).join(" -> ")}`,
  // EXPERIMENT
  got("an object with variants and weights"),
  // VARIANTS
  got("a non-empty array of variant names"),
  // DUPLICATE_VARIANT
  (a) => `duplicate variant "${String(a)}"`,
  // WEIGHTS
  got("an array of numbers"),
  // FINITE
  got("a finite number"),
  // NEGATIVE
  (a) => `must be >= 0, got ${String(a)}`,
  // WEIGHT_COUNT
  (a, b) => `has ${String(a)} weights for ${String(b)} variants`,
  // WEIGHT_SUM
  (a) => `must sum to 1 (±1e-9), got ${String(a)}`,
  // VALUES
  got("an object of flag names to booleans"),
  // TOO_DEEP
  (a) => `nests objects and arrays more than ${String(a)} levels deep (the limit of a config document)`,
  // TOO_MANY_VALUES
  (a) => `holds more than ${String(a)} objects and arrays (the limit of one metadata or ignored value)`,
  // FLAGD
  (a) => String(a),
];

// Indexed by code - 100 (warning codes are 100, 101, 102)
const WARNINGS: ReadonlyArray<(a: string) => string> = [
  // UNKNOWN_TOP_KEY
  (a) => `unknown top-level key "${a}" is ignored`,
  // UNKNOWN_KEY
  (a) => `unknown key "${a}" is ignored`,
  // UNDECLARED_VALUE
  (a) => `value for undeclared flag "${a}" is ignored`,
];

/** The message of an error code, as `validateConfig` reports it. */
export function errorMessage(code: ErrorCode, a?: unknown, b?: unknown): string {
  return (ERRORS[code] as Text)(a, b);
}

/** The message of a warning code, as `validateConfig` reports it. */
export function warningMessage(code: WarningCode, a: string): string {
  return (WARNINGS[code - 100] as (a: string) => string)(a);
}
