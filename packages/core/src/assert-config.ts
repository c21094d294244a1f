// The checks with their messages: what the store, the manager and the resolvers need. They
// never compile flagd rules, so the light store does not bring the targeting engine along;
// `validateConfig` (validate-config.ts) adds the rule warnings that need it.

import { checkConfig, checkVariantsAndWeights as checkVariants, type ProblemSink } from "./check-config.js";
import { errorMessage, warningMessage } from "./config-messages.js";
import { ConfigError } from "./errors.js";
import type { ConfigProblem, FlagConfig, ValidationResult } from "./types.js";

// isValidConfig lives with the checks, apart from the messages, so that what imports only it
// (the remote source's first chunk) does not bundle them.
export { isValidConfig } from "./check-config.js";

/** A sink that keeps every problem with its message. */
export function collectProblems(): ProblemSink & ValidationResult {
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

/**
 * Problems with one experiment's variants and weights (shared by the config validator and the
 * `ABTestingResolver` constructor, so both say the same thing).
 */
export function checkVariantsAndWeights(variants: unknown, weights: unknown, path: string): ConfigProblem[] {
  const result = collectProblems();
  checkVariants(variants, weights, path, result);
  return result.errors;
}

/** Every error of `doc` with its path (what rejects it); no rule warnings, so no flagd compile. */
export function configErrors(doc: unknown): ConfigProblem[] {
  const result = collectProblems();
  checkConfig(doc, result);
  return result.errors;
}

/** Throws a `ConfigError` listing every problem unless `doc` is a valid config document. */
export function assertValidConfig(doc: unknown, context?: string): asserts doc is FlagConfig {
  const errors = configErrors(doc);
  if (errors.length > 0) throw new ConfigError(errors, context);
}
