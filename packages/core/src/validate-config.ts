import { checkConfig, checkVariantsAndWeights as checkVariants, type ProblemSink } from "./check-config.js";
import { errorMessage, warningMessage } from "./config-messages.js";
import { ConfigError } from "./errors.js";
import type { ConfigProblem, FlagConfig, ValidationResult } from "./types.js";

export { WEIGHT_SUM_TOLERANCE } from "./check-config.js";

/** A sink that keeps every problem with its message. */
function collect(): ProblemSink & ValidationResult {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  return {
    valid: true,
    errors,
    warnings,
    error: (path, code, a, b) => void errors.push({ path, message: errorMessage(code, a, b) }),
    warn: (path, code, a) => void warnings.push({ path, message: warningMessage(code, a) }),
  };
}

/** Checks a config document against the config document format and returns every problem at once, each with its path. */
export function validateConfig(doc: unknown): ValidationResult {
  const result = collect();
  checkConfig(doc, result);
  return { valid: result.errors.length === 0, errors: result.errors, warnings: result.warnings };
}

/**
 * Problems with one experiment's variants and weights (shared by the config validator and the
 * `ABTestingResolver` constructor, so both say the same thing).
 */
export function checkVariantsAndWeights(variants: unknown, weights: unknown, path: string): ConfigProblem[] {
  const result = collect();
  checkVariants(variants, weights, path, result);
  return result.errors;
}

const FIRST_ERROR = { firstError: true };
const STOP_AT_FIRST_ERROR: ProblemSink = {
  error: () => {
    throw FIRST_ERROR;
  },
  warn: () => {},
};

/** True when `validateConfig(doc).valid` would be; stops at the first error and carries no message text. */
export function isValidConfig(doc: unknown): doc is FlagConfig {
  try {
    checkConfig(doc, STOP_AT_FIRST_ERROR);
    return true;
  } catch (error) {
    if (error === FIRST_ERROR) return false;
    throw error;
  }
}

/** Throws a `ConfigError` listing every problem unless `doc` is a valid config document. */
export function assertValidConfig(doc: unknown, context?: string): asserts doc is FlagConfig {
  const result = validateConfig(doc);
  if (!result.valid) throw new ConfigError(result.errors, context);
}
