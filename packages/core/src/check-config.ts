// The checking half of config validation: walks a document and reports each problem as a path, a
// code and the values the message needs, without any message text. `validateConfig` turns codes
// into messages (config-messages.ts); `isValidConfig` stops at the first error and ships no text.

import * as P from "./config-problem-codes.js";
import type { ErrorCode, WarningCode } from "./config-problem-codes.js";
import { findCycles } from "./dependency-graph.js";
import { isValidFlagName, matchesFlagNameGrammar } from "./flag-name.js";
import { MAX_CONFIG_DEPTH, MAX_EXPERIMENTS, MAX_FLAGS, MAX_NAME_LENGTH, MAX_NESTED_VALUES, MAX_REPORTED_CYCLES } from "./limits.js";
import { isPlainObject, isReservedName } from "./safe-record.js";
// Only the structural checks of the flagd format (a few hundred bytes), not the engine: rule
// faults need a compile, which validateConfig runs (validate-config.ts).
import { flagdDocumentErrors, flagdFlagErrors, isFlagdFlag } from "./targeting/flagd-structure.js";

/** Tolerance within which experiment weights must sum to 1. */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

/** Receives problems as the walk finds them, in document order. */
export interface ProblemSink {
  error(path: string, code: ErrorCode, a?: unknown, b?: unknown): void;
  warn(path: string, code: WarningCode, a: string): void;
}

const TOP_LEVEL = new Set(["$schema", "version", "flags", "experiments", "feature_flags", "$evaluators", "metadata"]);
/** flagd's key grammar: a letter, then letters, digits, `_`, `-` or `.` (kebab-case, camelCase, dotted keys). */
const FLAGD_KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const FLAG_KEYS = new Set(["name", "description", "default", "rolloutStrategy", "since", "stable", "dependencies", "rollout", "metadata"]);
const ROLLOUT_KEYS = new Set(["percentage", "salt"]);
const EXPERIMENT_KEYS = new Set(["variants", "weights", "salt", "description"]);
const STRATEGIES = new Set(["immediate", "gradual", "ab_test"]);
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const isNonEmptyString = (value: unknown): boolean => typeof value === "string" && value !== "";

/** Optional flag keys with a check of their own, in the order their problems are reported. */
const FLAG_FIELDS: ReadonlyArray<readonly [string, (value: unknown) => boolean, ErrorCode]> = [
  ["description", (v) => typeof v === "string", P.STRING],
  ["rolloutStrategy", (v) => STRATEGIES.has(v as string), P.STRATEGY],
  ["since", (v) => typeof v === "string" && SEMVER.test(v), P.SEMVER],
  ["stable", (v) => typeof v === "boolean", P.BOOLEAN],
];

/**
 * Checks a value the SDK does not interpret (metadata, ignored keys) without recursing: no key
 * may be a reserved name, nothing may nest deeper than `MAX_CONFIG_DEPTH` (`depth` is the
 * value's own depth in the document), and it may hold at most `MAX_NESTED_VALUES` objects and
 * arrays counted as a tree — so a static config whose metadata shares one object at every level
 * (2^60 paths) or refers to itself is refused, and any recursive copy of a valid value is bounded.
 */
export function checkJsonValue(value: unknown, path: string, depth: number, sink: ProblemSink): void {
  if (typeof value !== "object" || value === null) return;
  const stack: Array<[object, string, number]> = [[value, path, depth]];
  let count = 0;
  while (stack.length > 0) {
    const [node, at, level] = stack.pop() as [object, string, number];
    if (level > MAX_CONFIG_DEPTH) {
      sink.error(at, P.TOO_DEEP, MAX_CONFIG_DEPTH);
      continue;
    }
    if (++count > MAX_NESTED_VALUES) {
      sink.error(path, P.TOO_MANY_VALUES, MAX_NESTED_VALUES);
      return;
    }
    const children: Array<[object, string, number]> = [];
    if (Array.isArray(node)) {
      node.forEach((item: unknown, i) => {
        if (typeof item === "object" && item !== null) children.push([item, `${at}[${i}]`, level + 1]);
      });
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        if (isReservedName(key)) sink.error(`${at}.${key}`, P.RESERVED, key);
        else {
          const item = node[key];
          if (typeof item === "object" && item !== null) children.push([item, `${at}.${key}`, level + 1]);
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [object, string, number]);
  }
}

/** Keys of `object` outside `known`: reserved names are errors, others are warned about and checked as free values. */
function checkKeys(object: Record<string, unknown>, known: ReadonlySet<string>, path: string, depth: number, sink: ProblemSink): void {
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    const at = path ? `${path}.${key}` : key;
    if (isReservedName(key)) {
      sink.error(at, P.RESERVED, key);
      continue;
    }
    sink.warn(at, path ? P.UNKNOWN_KEY : P.UNKNOWN_TOP_KEY, key);
    checkJsonValue(object[key], at, depth + 1, sink);
  }
}

function checkName(name: string, path: string, sink: ProblemSink): void {
  if (name.length > MAX_NAME_LENGTH) sink.error(path, P.NAME_LENGTH, name.length, MAX_NAME_LENGTH);
}

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

/** Reports one flag definition's problems; returns its usable dependencies. */
function checkFlag(name: string, def: Record<string, unknown>, flagNames: ReadonlySet<string>, sink: ProblemSink): string[] {
  const path = `flags.${name}`;
  checkKeys(def, FLAG_KEYS, path, 3, sink);
  if (!("default" in def)) sink.error(`${path}.default`, P.DEFAULT_MISSING);
  else if (typeof def.default !== "boolean") sink.error(`${path}.default`, P.BOOLEAN, def.default);
  if ("name" in def && def.name !== name) sink.error(`${path}.name`, P.NAME_MISMATCH, name, def.name);
  for (const [key, ok, code] of FLAG_FIELDS) if (key in def && !ok(def[key])) sink.error(`${path}.${key}`, code, def[key]);
  if ("metadata" in def) {
    if (!isPlainObject(def.metadata)) sink.error(`${path}.metadata`, P.OBJECT, def.metadata);
    else checkJsonValue(def.metadata, `${path}.metadata`, 4, sink);
  }
  if ("rollout" in def) {
    const rollout = def.rollout;
    if (!isPlainObject(rollout)) sink.error(`${path}.rollout`, P.ROLLOUT, rollout);
    else {
      const p = rollout.percentage;
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 100) sink.error(`${path}.rollout.percentage`, P.PERCENTAGE, p);
      if ("salt" in rollout && !isNonEmptyString(rollout.salt)) sink.error(`${path}.rollout.salt`, P.NON_EMPTY_STRING, rollout.salt);
      checkKeys(rollout, ROLLOUT_KEYS, `${path}.rollout`, 4, sink);
    }
  }
  const list: string[] = [];
  if ("dependencies" in def) {
    if (!Array.isArray(def.dependencies)) sink.error(`${path}.dependencies`, P.DEPENDENCY_LIST, def.dependencies);
    else {
      const seen = new Set<string>();
      def.dependencies.forEach((dep: unknown, i: number) => {
        const at = `${path}.dependencies[${i}]`;
        if (typeof dep !== "string") sink.error(at, P.DEPENDENCY_TYPE, dep);
        else if (dep === name) sink.error(at, P.SELF_DEPENDENCY);
        else if (seen.has(dep)) sink.error(at, P.DUPLICATE_DEPENDENCY, dep);
        else if (!flagNames.has(dep)) sink.error(at, P.UNKNOWN_FLAG, dep);
        else {
          seen.add(dep);
          list.push(dep);
        }
      });
    }
  }
  return list;
}

function checkFlags(flags: Record<string, unknown>, flagNames: Set<string>, sink: ProblemSink): void {
  const names = Object.keys(flags);
  if (names.length > MAX_FLAGS) {
    sink.error("flags", P.TOO_MANY, names.length, MAX_FLAGS);
    return;
  }
  for (const name of names) if (isValidFlagName(name) || (isFlagdFlag(flags[name]) && FLAGD_KEY.test(name) && name.length <= MAX_NAME_LENGTH && !isReservedName(name))) flagNames.add(name);
  const deps: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const name of names) {
    const path = `flags.${name}`;
    if (isReservedName(name)) {
      sink.error(path, P.RESERVED, name, "flag");
      continue;
    }
    const def = flags[name];
    if (isFlagdFlag(def)) {
      // a flagd flag: flagd's key grammar and structure (Victor's checks do not apply)
      if (!FLAGD_KEY.test(name)) sink.error(path, P.FLAGD, `flag key must start with a letter, then letters, digits, "_", "-" or ".", got ${JSON.stringify(name)}`);
      else checkName(name, path, sink);
      for (const problem of flagdFlagErrors(name, def)) sink.error(problem.path, P.FLAGD, problem.message);
      continue;
    }
    if (!flagNames.has(name)) {
      if (!matchesFlagNameGrammar(name)) sink.error(path, P.FLAG_NAME, name);
      else checkName(name, path, sink);
    }
    if (!isPlainObject(def)) {
      sink.error(path, P.OBJECT, def);
      continue;
    }
    const list = checkFlag(name, def, flagNames, sink);
    // only flags with dependencies can be on a cycle
    if (list.length > 0 && flagNames.has(name)) deps[name] = list;
  }
  for (const cycle of findCycles(deps, MAX_REPORTED_CYCLES)) sink.error(`flags.${cycle[0]}.dependencies`, P.CYCLE, cycle);
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

function checkValues(values: Record<string, unknown>, flagNames: ReadonlySet<string>, sink: ProblemSink): void {
  const names = Object.keys(values);
  if (names.length > MAX_FLAGS) {
    sink.error("feature_flags", P.TOO_MANY, names.length, MAX_FLAGS);
    return;
  }
  for (const name of names) {
    const path = `feature_flags.${name}`;
    if (isReservedName(name)) sink.error(path, P.RESERVED, name);
    else if (typeof values[name] !== "boolean") sink.error(path, P.BOOLEAN, values[name]);
    else if (!flagNames.has(name)) sink.warn(path, P.UNDECLARED_VALUE, name);
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

  const flagNames = new Set<string>();
  if (!("flags" in doc)) sink.error("flags", P.FLAGS_MISSING);
  else if (!isPlainObject(doc.flags)) sink.error("flags", P.OBJECT, doc.flags);
  else checkFlags(doc.flags, flagNames, sink);

  if ("experiments" in doc) {
    if (!isPlainObject(doc.experiments)) sink.error("experiments", P.OBJECT, doc.experiments);
    else checkExperiments(doc.experiments, sink);
  }
  if ("feature_flags" in doc) {
    if (!isPlainObject(doc.feature_flags)) sink.error("feature_flags", P.VALUES, doc.feature_flags);
    else checkValues(doc.feature_flags, flagNames, sink);
  }
}
