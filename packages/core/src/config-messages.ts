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

const ERRORS: Record<ErrorCode, Text> = {
  [P.ROOT]: (a) => `config must be an object, got ${describeValue(a)}`,
  [P.RESERVED]: (a, b) => `reserved name "${String(a)}" is not allowed${b ? ` as ${b === "flag" ? "a flag" : "an experiment"} name` : ""}`,
  [P.VERSION_MISSING]: () => "is required (use 1)",
  [P.VERSION]: got("1"),
  [P.FLAGS_MISSING]: () => "is required (an object of flag definitions)",
  [P.OBJECT]: got("an object"),
  [P.TOO_MANY]: (a, b) => `has ${String(a)} entries; at most ${String(b)} are allowed`,
  [P.FLAG_NAME]: (a) => `flag name must be ${FLAG_NAME_RULE}, got "${String(a)}"`,
  [P.NAME_LENGTH]: (a, b) => `name is ${String(a)} characters long; at most ${String(b)} are allowed`,
  [P.DEFAULT_MISSING]: () => "is required (true or false)",
  [P.BOOLEAN]: got("a boolean"),
  [P.NAME_MISMATCH]: (a, b) => `must equal the key "${String(a)}", got ${describeValue(b)}`,
  [P.STRING]: got("a string"),
  [P.STRATEGY]: got('one of "immediate", "gradual", "ab_test"'),
  [P.SEMVER]: got('a semver string such as "1.0.0"'),
  [P.ROLLOUT]: got('an object like { "percentage": 10 }'),
  [P.PERCENTAGE]: got("a number from 0 to 100"),
  [P.NON_EMPTY_STRING]: got("a non-empty string"),
  [P.DEPENDENCY_LIST]: got("an array of flag names"),
  [P.DEPENDENCY_TYPE]: got("a flag name"),
  [P.SELF_DEPENDENCY]: () => "flag cannot depend on itself",
  [P.DUPLICATE_DEPENDENCY]: (a) => `duplicate dependency "${String(a)}"`,
  [P.UNKNOWN_FLAG]: (a) => `unknown flag "${String(a)}"`,
  [P.CYCLE]: (a) => `dependency cycle: ${(a as string[]).join(" -> ")}`,
  [P.EXPERIMENT]: got("an object with variants and weights"),
  [P.VARIANTS]: got("a non-empty array of variant names"),
  [P.DUPLICATE_VARIANT]: (a) => `duplicate variant "${String(a)}"`,
  [P.WEIGHTS]: got("an array of numbers"),
  [P.FINITE]: got("a finite number"),
  [P.NEGATIVE]: (a) => `must be >= 0, got ${String(a)}`,
  [P.WEIGHT_COUNT]: (a, b) => `has ${String(a)} weights for ${String(b)} variants`,
  [P.WEIGHT_SUM]: (a) => `must sum to 1 (±1e-9), got ${String(a)}`,
  [P.VALUES]: got("an object of flag names to booleans"),
  [P.TOO_MANY_VALUES]: (a) => `holds more than ${String(a)} objects and arrays (the limit of one metadata or ignored value)`,
  [P.FLAGD]: (a) => String(a),
  [P.TOO_DEEP]: (a) => `nests objects and arrays more than ${String(a)} levels deep (the limit of a config document)`,
};

const WARNINGS: Record<WarningCode, (a: string) => string> = {
  [P.UNKNOWN_TOP_KEY]: (a) => `unknown top-level key "${a}" is ignored`,
  [P.UNKNOWN_KEY]: (a) => `unknown key "${a}" is ignored`,
  [P.UNDECLARED_VALUE]: (a) => `value for undeclared flag "${a}" is ignored`,
};

/** The message of an error code, as `validateConfig` reports it. */
export function errorMessage(code: ErrorCode, a?: unknown, b?: unknown): string {
  return ERRORS[code](a, b);
}

/** The message of a warning code, as `validateConfig` reports it. */
export function warningMessage(code: WarningCode, a: string): string {
  return WARNINGS[code](a);
}
