// The checking half of config validation: walks a document and reports each problem as a path, a
// code and the values the message needs, without any message text. `validateConfig` turns codes
// into messages (config-messages.ts); `isValidConfig` stops at the first error and ships no text.

import * as P from "./config-problem-codes.js";
import { checkFlags, declares } from "./check-flags.js";
import { checkJsonValue, checkKeys, checkName, isNonEmptyString, type ProblemSink } from "./check-values.js";
import { MAX_EXPERIMENTS, MAX_FLAGS } from "./limits.js";
import { isPlainObject, isReservedName } from "./safe-record.js";
import type { FlagConfig } from "./types.js";
// Only the structural checks of the flagd format (a few hundred bytes), not the engine: rule
// faults need a compile, which validateConfig runs (validate-config.ts).
import { flagdDocumentErrors, isFlagdFlag } from "./targeting/flagd-structure.js";

export { checkJsonValue, type ProblemSink } from "./check-values.js";

/** Tolerance within which experiment weights must sum to 1. */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

const TOP_LEVEL = new Set(["$schema", "version", "flags", "experiments", "feature_flags", "$evaluators", "metadata"]);
const EXPERIMENT_KEYS = new Set(["variants", "weights", "salt", "description"]);

/** Reports the problems with one experiment's variants and weights. */
export function checkVariantsAndWeights(variants: unknown, weights: unknown, path: string, sink: ProblemSink): void {
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if (!Array.isArray(variants) || variants.length === 0) sink.error(at("variants"), P.VARIANTS, variants);
  else {
    const seen = new Set<string>();
    variants.forEach((v: unknown, i) => {
      if (!isNonEmptyString(v)) sink.error(at(`variants[${i}]`), P.NON_EMPTY_STRING, v);
      else if (seen.has(v as string)) sink.error(at(`variants[${i}]`), P.DUPLICATE_VARIANT, v);
      else {
        seen.add(v as string);
        checkName(v as string, at(`variants[${i}]`), sink);
      }
    });
  }
  if (!Array.isArray(weights)) {
    sink.error(at("weights"), P.WEIGHTS, weights);
    return;
  }
  let sum = 0;
  let numeric = true;
  weights.forEach((w: unknown, i) => {
    if (typeof w !== "number" || !Number.isFinite(w)) {
      numeric = false;
      sink.error(at(`weights[${i}]`), P.FINITE, w);
    } else if (w < 0) {
      numeric = false;
      sink.error(at(`weights[${i}]`), P.NEGATIVE, w);
    } else sum += w;
  });
  if (Array.isArray(variants) && weights.length !== variants.length) sink.error(at("weights"), P.WEIGHT_COUNT, weights.length, variants.length);
  else if (numeric && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) sink.error(at("weights"), P.WEIGHT_SUM, sum);
}
function checkExperiments(experiments: Record<string, unknown>, sink: ProblemSink): void {
  const names = Object.keys(experiments);
  if (names.length > MAX_EXPERIMENTS) {
    sink.error("experiments", P.TOO_MANY, names.length, MAX_EXPERIMENTS);
    return;
  }
  for (const name of names) {
    const path = `experiments.${name}`;
    if (isReservedName(name)) {
      sink.error(path, P.RESERVED, name, "experiment");
      continue;
    }
    checkName(name, path, sink);
    const exp = experiments[name];
    if (!isPlainObject(exp)) {
      sink.error(path, P.EXPERIMENT, exp);
      continue;
    }
    checkKeys(exp, EXPERIMENT_KEYS, path, 3, sink);
    checkVariantsAndWeights(exp.variants, exp.weights, path, sink);
    if ("salt" in exp && !isNonEmptyString(exp.salt)) sink.error(`${path}.salt`, P.NON_EMPTY_STRING, exp.salt);
    if ("description" in exp && typeof exp.description !== "string") sink.error(`${path}.description`, P.STRING, exp.description);
  }
}

function checkValues(values: Record<string, unknown>, flags: Record<string, unknown>, sink: ProblemSink): void {
  const names = Object.keys(values);
  if (names.length > MAX_FLAGS) {
    sink.error("feature_flags", P.TOO_MANY, names.length, MAX_FLAGS);
    return;
  }
  for (const name of names) {
    const path = `feature_flags.${name}`;
    if (isReservedName(name)) sink.error(path, P.RESERVED, name);
    else if (typeof values[name] !== "boolean") sink.error(path, P.BOOLEAN, values[name]);
    else if (!declares(flags, name)) sink.warn(path, P.UNDECLARED_VALUE, name);
  }
}

/**
 * Whether a document needs `version`: it does once it uses Victor's shapes (a flag with
 * `default`, `experiments`, `feature_flags`); a document of flagd flags alone is valid as flagd writes it.
 */
function usesVictorShapes(doc: Record<string, unknown>): boolean {
  if ("experiments" in doc || "feature_flags" in doc || !isPlainObject(doc.flags)) return true;
  const defs = Object.values(doc.flags);
  return defs.length === 0 || !defs.every(isFlagdFlag);
}

/** Walks a config document (see "The config document" in the README) and reports every problem to `sink`, in document order. */
export function checkConfig(doc: unknown, sink: ProblemSink): void {
  if (!isPlainObject(doc)) {
    sink.error("", P.ROOT, doc);
    return;
  }
  checkKeys(doc, TOP_LEVEL, "", 1, sink);
  if ("$schema" in doc) checkJsonValue(doc.$schema, "$schema", 2, sink);
  if (!("version" in doc)) {
    if (usesVictorShapes(doc)) sink.error("version", P.VERSION_MISSING);
  } else if (doc.version !== 1) sink.error("version", P.VERSION, doc.version);
  for (const problem of flagdDocumentErrors(doc)) sink.error(problem.path, P.FLAGD, problem.message);

  // a document whose flags are missing or broken declares none
  let flags: Record<string, unknown> = {};
  if (!("flags" in doc)) sink.error("flags", P.FLAGS_MISSING);
  else if (!isPlainObject(doc.flags)) sink.error("flags", P.OBJECT, doc.flags);
  else flags = checkFlags(doc.flags, sink);

  if ("experiments" in doc) {
    if (!isPlainObject(doc.experiments)) sink.error("experiments", P.OBJECT, doc.experiments);
    else checkExperiments(doc.experiments, sink);
  }
  if ("feature_flags" in doc) {
    if (!isPlainObject(doc.feature_flags)) sink.error("feature_flags", P.VALUES, doc.feature_flags);
    else checkValues(doc.feature_flags, flags, sink);
  }
}

const FIRST_ERROR = { firstError: true };
const STOP_AT_FIRST_ERROR: ProblemSink = {
  error: () => {
    throw FIRST_ERROR;
  },
  warn: () => {},
};

/**
 * True when `validateConfig(doc).valid` would be; stops at the first error and carries no message
 * text. It lives here, apart from the messages (assert-config.ts), so that an app's first chunk
 * (the remote source checks a cached document with it) does not carry them.
 */
export function isValidConfig(doc: unknown): doc is FlagConfig {
  try {
    checkConfig(doc, STOP_AT_FIRST_ERROR);
    return true;
  } catch (error) {
    if (error === FIRST_ERROR) return false;
    throw error;
  }
}
