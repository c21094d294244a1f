import { findCycles } from "./dependency-graph.js";
import { isPlainObject, isReservedName } from "./safe-record.js";
import type { ConfigProblem, ValidationResult } from "./types.js";

const TOP_LEVEL = new Set(["$schema", "version", "flags", "experiments", "feature_flags"]);
const FLAG_KEYS = new Set(["name", "description", "default", "rolloutStrategy", "since", "stable", "dependencies", "rollout", "metadata"]);
const EXPERIMENT_KEYS = new Set(["variants", "weights", "salt", "description"]);
const STRATEGIES = new Set(["immediate", "gradual", "ab_test"]);
const NAME = /^[a-z][a-z0-9_]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const WEIGHT_TOLERANCE = 1e-9;

/** Tolerance within which experiment weights must sum to 1. */
export const WEIGHT_SUM_TOLERANCE = WEIGHT_TOLERANCE;

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? (value.length === 0 ? "an empty array" : "an array") : typeof value === "string" ? `"${value}"` : typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;

/**
 * Problems with one experiment's variants and weights (shared by the config validator and the
 * `ABTestingResolver` constructor, so both say the same thing).
 */
export function checkVariantsAndWeights(variants: unknown, weights: unknown, path: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if (!Array.isArray(variants) || variants.length === 0) {
    problems.push({ path: at("variants"), message: `must be a non-empty array of variant names, got ${describe(variants)}` });
  } else {
    const seen = new Set<string>();
    variants.forEach((v, i) => {
      if (typeof v !== "string" || v === "") problems.push({ path: at(`variants[${i}]`), message: `must be a non-empty string, got ${describe(v)}` });
      else if (seen.has(v)) problems.push({ path: at(`variants[${i}]`), message: `duplicate variant "${v}"` });
      else seen.add(v);
    });
  }
  if (!Array.isArray(weights)) {
    problems.push({ path: at("weights"), message: `must be an array of numbers, got ${describe(weights)}` });
    return problems;
  }
  let sum = 0;
  let numeric = true;
  weights.forEach((w, i) => {
    if (typeof w !== "number" || !Number.isFinite(w)) {
      numeric = false;
      problems.push({ path: at(`weights[${i}]`), message: `must be a finite number, got ${describe(w)}` });
    } else if (w < 0) {
      numeric = false;
      problems.push({ path: at(`weights[${i}]`), message: `must be >= 0, got ${w}` });
    } else sum += w;
  });
  if (Array.isArray(variants) && weights.length !== variants.length) {
    problems.push({ path: at("weights"), message: `has ${weights.length} weights for ${variants.length} variants` });
  } else if (numeric && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    problems.push({ path: at("weights"), message: `must sum to 1 (±1e-9), got ${sum}` });
  }
  return problems;
}

/** Checks a config document against SPEC §2 and returns every problem at once, each with its path. */
export function validateConfig(doc: unknown): ValidationResult {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const warn = (path: string, message: string) => warnings.push({ path, message });

  if (!isPlainObject(doc)) {
    err("", `config must be an object, got ${describe(doc)}`);
    return { valid: false, errors, warnings };
  }
  for (const key of Object.keys(doc)) {
    if (isReservedName(key)) err(key, `reserved name "${key}" is not allowed`);
    else if (!TOP_LEVEL.has(key)) warn(key, `unknown top-level key "${key}" is ignored`);
  }
  if (!("version" in doc)) err("version", "is required (use 1)");
  else if (doc.version !== 1) err("version", `must be 1, got ${describe(doc.version)}`);

  const flagNames = new Set<string>();
  const deps: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (!("flags" in doc)) err("flags", "is required (an object of flag definitions)");
  else if (!isPlainObject(doc.flags)) err("flags", `must be an object, got ${describe(doc.flags)}`);
  else {
    const flags = doc.flags;
    for (const name of Object.keys(flags)) if (!isReservedName(name) && NAME.test(name)) flagNames.add(name);
    for (const name of Object.keys(flags)) {
      const path = `flags.${name}`;
      if (isReservedName(name)) {
        err(path, `reserved name "${name}" is not allowed as a flag name`);
        continue;
      }
      if (!NAME.test(name)) err(path, `flag name must be snake_case (a-z, 0-9, _; starting with a letter), got "${name}"`);
      const def = flags[name];
      if (!isPlainObject(def)) {
        err(path, `must be an object, got ${describe(def)}`);
        continue;
      }
      for (const key of Object.keys(def)) if (!FLAG_KEYS.has(key)) warn(`${path}.${key}`, `unknown key "${key}" is ignored`);
      if (!("default" in def)) err(`${path}.default`, "is required (true or false)");
      else if (typeof def.default !== "boolean") err(`${path}.default`, `must be a boolean, got ${describe(def.default)}`);
      if ("name" in def && def.name !== name) err(`${path}.name`, `must equal the key "${name}", got ${describe(def.name)}`);
      if ("description" in def && typeof def.description !== "string") err(`${path}.description`, `must be a string, got ${describe(def.description)}`);
      if ("rolloutStrategy" in def && !STRATEGIES.has(def.rolloutStrategy as string))
        err(`${path}.rolloutStrategy`, `must be one of "immediate", "gradual", "ab_test", got ${describe(def.rolloutStrategy)}`);
      if ("since" in def && (typeof def.since !== "string" || !SEMVER.test(def.since)))
        err(`${path}.since`, `must be a semver string such as "1.0.0", got ${describe(def.since)}`);
      if ("stable" in def && typeof def.stable !== "boolean") err(`${path}.stable`, `must be a boolean, got ${describe(def.stable)}`);
      if ("metadata" in def && !isPlainObject(def.metadata)) err(`${path}.metadata`, `must be an object, got ${describe(def.metadata)}`);
      if ("rollout" in def) {
        const rollout = def.rollout;
        if (!isPlainObject(rollout)) err(`${path}.rollout`, `must be an object like { "percentage": 10 }, got ${describe(rollout)}`);
        else {
          const p = rollout.percentage;
          if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 100)
            err(`${path}.rollout.percentage`, `must be a number from 0 to 100, got ${describe(p)}`);
          if ("salt" in rollout && (typeof rollout.salt !== "string" || rollout.salt === ""))
            err(`${path}.rollout.salt`, `must be a non-empty string, got ${describe(rollout.salt)}`);
          for (const key of Object.keys(rollout)) if (key !== "percentage" && key !== "salt") warn(`${path}.rollout.${key}`, `unknown key "${key}" is ignored`);
        }
      }
      const list: string[] = [];
      if ("dependencies" in def) {
        if (!Array.isArray(def.dependencies)) err(`${path}.dependencies`, `must be an array of flag names, got ${describe(def.dependencies)}`);
        else {
          const seen = new Set<string>();
          def.dependencies.forEach((dep: unknown, i: number) => {
            const at = `${path}.dependencies[${i}]`;
            if (typeof dep !== "string") err(at, `must be a flag name, got ${describe(dep)}`);
            else if (dep === name) err(at, `flag cannot depend on itself`);
            else if (seen.has(dep)) err(at, `duplicate dependency "${dep}"`);
            else if (!flagNames.has(dep)) err(at, `unknown flag "${dep}"`);
            else {
              seen.add(dep);
              list.push(dep);
            }
          });
        }
      }
      if (flagNames.has(name)) deps[name] = list;
    }
    for (const cycle of findCycles(deps)) {
      err(`flags.${cycle[0]}.dependencies`, `dependency cycle: ${cycle.join(" -> ")}`);
    }
  }

  if ("experiments" in doc) {
    if (!isPlainObject(doc.experiments)) err("experiments", `must be an object, got ${describe(doc.experiments)}`);
    else {
      for (const name of Object.keys(doc.experiments)) {
        const path = `experiments.${name}`;
        if (isReservedName(name)) {
          err(path, `reserved name "${name}" is not allowed as an experiment name`);
          continue;
        }
        const exp = doc.experiments[name];
        if (!isPlainObject(exp)) {
          err(path, `must be an object with variants and weights, got ${describe(exp)}`);
          continue;
        }
        for (const key of Object.keys(exp)) if (!EXPERIMENT_KEYS.has(key)) warn(`${path}.${key}`, `unknown key "${key}" is ignored`);
        errors.push(...checkVariantsAndWeights(exp.variants, exp.weights, path));
        if ("salt" in exp && (typeof exp.salt !== "string" || exp.salt === "")) err(`${path}.salt`, `must be a non-empty string, got ${describe(exp.salt)}`);
        if ("description" in exp && typeof exp.description !== "string") err(`${path}.description`, `must be a string, got ${describe(exp.description)}`);
      }
    }
  }

  if ("feature_flags" in doc) {
    const values = doc.feature_flags;
    if (!isPlainObject(values)) err("feature_flags", `must be an object of flag names to booleans, got ${describe(values)}`);
    else {
      for (const name of Object.keys(values)) {
        const path = `feature_flags.${name}`;
        if (isReservedName(name)) err(path, `reserved name "${name}" is not allowed`);
        else if (typeof values[name] !== "boolean") err(path, `must be a boolean, got ${describe(values[name])}`);
        else if (!flagNames.has(name)) warn(path, `value for undeclared flag "${name}" is ignored`);
      }
    }
  }
  return { valid: errors.length === 0, errors, warnings };
}
