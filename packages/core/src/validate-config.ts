import { collectProblems } from "./assert-config.js";
import { checkConfig } from "./check-config.js";
import { flagdHook } from "./flag-evaluation.js";
import { isFlagdFlag } from "./targeting/flagd-structure.js";
import type { ValidationResult } from "./types.js";

export { WEIGHT_SUM_TOLERANCE } from "./check-config.js";
export { assertValidConfig, checkVariantsAndWeights, isValidConfig } from "./assert-config.js";

/**
 * Checks a config document against the config document format (and flagd's format for flagd flags) and returns every
 * problem at once, each with its path. A fault in one flagd flag's rules is a warning (reported once
 * the targeting engine is installed: `installFlagdTargeting()`): that flag answers ERROR and the
 * caller's fallback while the rest of the document loads.
 */
export function validateConfig(doc: unknown): ValidationResult {
  const result = collectProblems();
  checkConfig(doc, result);
  if (result.errors.length === 0 && flagdHook !== undefined && hasFlagdFlags(doc)) {
    // Compiling is the only way to find rule faults ($ref to a missing evaluator, unknown
    // operations), and the compiler is the targeting engine: it reports them once installed
    // (the CLI always installs it), so validateConfig alone never carries the engine.
    for (const warning of flagdHook.ruleWarnings(doc)) result.warnings.push(warning);
  }
  return { valid: result.errors.length === 0, errors: result.errors, warnings: result.warnings };
}

function hasFlagdFlags(doc: unknown): boolean {
  const flags = (doc as { flags?: unknown }).flags;
  return typeof flags === "object" && flags !== null && Object.values(flags).some(isFlagdFlag);
}
