// The flag checks of config validation. Most flags of a large document pass a one-pass check
// that builds no path and no message (fieldOk); the others take checkFlag, which reports each
// problem with its path, in the order validateConfig has always listed them.

import * as P from "./config-problem-codes.js";
import type { ErrorCode } from "./config-problem-codes.js";
import { checkJsonValue, checkKeys, checkName, FLAGD_KEY, isNonEmptyString, type ProblemSink } from "./check-values.js";
import { findCycles } from "./dependency-graph.js";
import { isValidFlagName, matchesFlagNameGrammar } from "./flag-name.js";
import { MAX_FLAGS, MAX_NAME_LENGTH, MAX_REPORTED_CYCLES } from "./limits.js";
import { isPlainObject, isReservedName } from "./safe-record.js";
import { envNameCollisions } from "./env-variable-names.js";
import { flagdFlagErrors, isFlagdFlag } from "./targeting/flagd-structure.js";

const FLAG_KEYS = new Set(["name", "description", "default", "rolloutStrategy", "since", "stable", "dependencies", "rollout", "metadata"]);
const ROLLOUT_KEYS = new Set(["percentage", "salt"]);
const STRATEGIES = new Set(["immediate", "gradual", "ab_test"]);
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Optional flag keys whose value fieldOk checks, in the order their problems are reported, with the code of each. */
const FLAG_FIELDS: ReadonlyArray<readonly [string, ErrorCode]> = [
  ["description", P.STRING],
  ["rolloutStrategy", P.STRATEGY],
  ["since", P.SEMVER],
  ["stable", P.BOOLEAN],
];

/** Reports one flag definition's problems; returns its usable dependencies. */
function checkFlag(name: string, def: Record<string, unknown>, flags: Record<string, unknown>, sink: ProblemSink): string[] {
  const path = `flags.${name}`;
  checkKeys(def, FLAG_KEYS, path, 3, sink);
  if (!("default" in def)) sink.error(`${path}.default`, P.DEFAULT_MISSING);
  else if (typeof def.default !== "boolean") sink.error(`${path}.default`, P.BOOLEAN, def.default);
  if ("name" in def && def.name !== name) sink.error(`${path}.name`, P.NAME_MISMATCH, name, def.name);
  for (const [key, code] of FLAG_FIELDS) if (key in def && !fieldOk(key, def[key], name, flags)) sink.error(`${path}.${key}`, code, def[key]);
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
        else if (!declares(flags, dep)) sink.error(at, P.UNKNOWN_FLAG, dep);
        else {
          seen.add(dep);
          list.push(dep);
        }
      });
    }
  }
  return list;
}

/** Whether `flags` declares `name`: an own key that names a flag (Victor's grammar, or flagd's for a flagd flag). */
export function declares(flags: Record<string, unknown>, name: string): boolean {
  return (
    Object.prototype.propertyIsEnumerable.call(flags, name) &&
    (isValidFlagName(name) || (isFlagdFlag(flags[name]) && FLAGD_KEY.test(name) && name.length <= MAX_NAME_LENGTH && !isReservedName(name)))
  );
}

/**
 * Whether a flag key's value passes its check, without building a path or a message: false for
 * a problem, an unknown key or anything that needs a longer look (metadata, long dependency
 * lists), which checkFlag then takes.
 */
function fieldOk(key: string, v: unknown, name: string, flags: Record<string, unknown>): boolean {
  switch (key) {
    case "default":
    case "stable":
      return typeof v === "boolean";
    case "description":
      return typeof v === "string";
    case "name":
      return v === name;
    case "rolloutStrategy":
      return STRATEGIES.has(v as string);
    case "since":
      return typeof v === "string" && SEMVER.test(v);
    case "rollout":
      if (!isPlainObject(v)) return false;
      for (const k in v) if (k !== "percentage" && (k !== "salt" || !isNonEmptyString(v.salt))) return false;
      return typeof v.percentage === "number" && v.percentage >= 0 && v.percentage <= 100;
    case "dependencies":
      // repeats found pairwise, so only short lists
      return Array.isArray(v) && v.length < 17 && v.every((dep, i) => typeof dep === "string" && dep !== name && v.indexOf(dep) === i && declares(flags, dep));
  }
  return false;
}

/** True when every (enumerable: JSON has no others) key of a flag passes fieldOk. */
function isCleanFlag(name: string, def: Record<string, unknown>, flags: Record<string, unknown>): boolean {
  for (const key in def) if (!fieldOk(key, def[key], name, flags)) return false;
  return true;
}

/** Reports the problems of every flag; returns the flags the document declares (none when there are too many). */
export function checkFlags(flags: Record<string, unknown>, sink: ProblemSink): Record<string, unknown> {
  const names = Object.keys(flags);
  if (names.length > MAX_FLAGS) {
    sink.error("flags", P.TOO_MANY, names.length, MAX_FLAGS);
    return {};
  }
  const deps: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let flagdKeys = false;
  for (const name of names) {
    const def = flags[name];
    // The common case first: a flag with nothing to report, checked in one pass over its keys
    // that builds no path and no message. Anything else takes the checks below, which word it.
    if (isValidFlagName(name) && isPlainObject(def) && typeof def.default === "boolean" && isCleanFlag(name, def, flags)) {
      const list = def.dependencies as string[] | undefined;
      // only flags with dependencies can be on a cycle
      if (list?.length) deps[name] = list;
      continue;
    }
    const path = `flags.${name}`;
    if (isReservedName(name)) {
      sink.error(path, P.RESERVED, name, "flag");
      continue;
    }
    if (isFlagdFlag(def)) {
      // a flagd flag: flagd's key grammar and structure (Victor's checks do not apply)
      if (!isValidFlagName(name)) flagdKeys = true;
      if (!FLAGD_KEY.test(name)) sink.error(path, P.FLAGD, `flag key must start with a letter, then letters, digits, "_", "-" or ".", got ${JSON.stringify(name)}`);
      else checkName(name, path, sink);
      for (const problem of flagdFlagErrors(name, def)) sink.error(problem.path, P.FLAGD, problem.message);
      continue;
    }
    const declared = declares(flags, name);
    if (!declared) {
      if (!matchesFlagNameGrammar(name)) sink.error(path, P.FLAG_NAME, name);
      else checkName(name, path, sink);
    }
    if (!isPlainObject(def)) {
      sink.error(path, P.OBJECT, def);
      continue;
    }
    const list = checkFlag(name, def, flags, sink);
    if (list.length > 0 && declared) deps[name] = list;
  }
  for (const cycle of findCycles(deps, MAX_REPORTED_CYCLES)) sink.error(`flags.${cycle[0]}.dependencies`, P.CYCLE, cycle);
  // Two keys one VICTOR_FEATURE_ variable would override together (`new-checkout`, `new_checkout`).
  // Snake_case keys map to distinct variables, so only a document with other flagd keys can have them.
  if (flagdKeys) for (const problem of envNameCollisions(names.filter((name) => declares(flags, name)))) sink.error(problem.path, P.FLAGD, problem.message);
  return flags;
}
