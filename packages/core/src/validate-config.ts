import { collectProblems } from "./assert-config.js";
import { checkConfig } from "./check-config.js";
import { compileFlagdDocument } from "./targeting/flagd-document.js";
import { isFlagdFlag } from "./targeting/flagd-structure.js";
import type { ValidationResult } from "./types.js";

export { WEIGHT_SUM_TOLERANCE } from "./check-config.js";
export { assertValidConfig, checkVariantsAndWeights, isValidConfig } from "./assert-config.js";

/**
 * Checks a config document against SPEC §2 (and flagd's format for flagd flags) and returns every
 * problem at once, each with its path. A fault in one flagd flag's rules is a warning: that flag
 * answers ERROR and the caller's fallback while the rest of the document loads.
 */
export function validateConfig(doc: unknown): ValidationResult {
  const result = collectProblems();
  checkConfig(doc, result);
  if (result.errors.length === 0 && hasFlagdFlags(doc)) {
    // compiling is the only way to find rule faults ($ref to a missing evaluator, unknown operations)
    for (const warning of compileFlagdDocument(doc).warnings) result.warnings.push({ path: warning.path, message: warning.message });
  }
  return { valid: result.errors.length === 0, errors: result.errors, warnings: result.warnings };
}

function hasFlagdFlags(doc: unknown): boolean {
  const flags = (doc as { flags?: unknown }).flags;
  return typeof flags === "object" && flags !== null && Object.values(flags).some(isFlagdFlag);
}
