import { describe, expect, it } from "vitest";
import { prng } from "../fixtures/prng.js";
import { validateConfig } from "@victor-flags/core";
import { assertValidConfig, isValidConfig } from "@victor-flags/core/validate-config.js";
import { ConfigError } from "@victor-flags/core";
import { checkConfig } from "@victor-flags/core/check-config.js";
import * as P from "@victor-flags/core/config-problem-codes.js";
import type { ErrorCode, WarningCode } from "@victor-flags/core/config-problem-codes.js";
import { validateConfig as validateBeforeSplit } from "./fixtures/validate-config-before-split.js";

// Seeded documents, valid and broken, drive three promises: isValidConfig (which stops at the
// first error and carries no message text) agrees with validateConfig; validateConfig says exactly
// what the validator said before its checks and messages were split; assertValidConfig throws the
// same problems. The seed is fixed so a failure reproduces; the failing document is printed.

const mulberry32 = (seed: number): (() => number) => prng(seed).next;

type Obj = Record<string, unknown>;

/** Sets an own enumerable property, even `__proto__` (as JSON.parse does). */
function put(object: Obj, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const JUNK: unknown[] = [null, undefined, true, false, 0, -1, 0.5, 1, 2, 50, 101, Number.NaN, Number.POSITIVE_INFINITY, "", "x", "on", "1.0.0", "2.0.0-beta.1", "v1", [], ["a"], [1, 2], {}, { percentage: 50 }, { a: { b: [1, { c: null }] } }];
// Top-level, flag and experiment names include reserved, non-snake_case and Object.prototype names.
const NAMES = ["a", "b", "c", "flag_one", "beta_2", "x", "Bad-Name", "9lives", "", "toString", "valueOf", "__proto__", "constructor", "prototype"];
const GOOD_NAMES = ["a", "b", "c", "flag_one", "beta_2", "x", "toString".toLowerCase(), "value_of"];
const UNKNOWN_KEYS = ["owner", "extra", "tags", "$comment"];

function generate(rand: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const chance = (p: number) => rand() < p;
  const junk = () => pick(JUNK);

  if (chance(0.02)) return junk();
  const doc: Obj = {};
  if (!chance(0.05)) put(doc, "version", chance(0.95) ? 1 : junk());
  if (chance(0.1)) put(doc, "$schema", "./schema.json");
  // A broken document carries one or two faults, so that isValidConfig's first error is often its only one.
  let budget = chance(0.5) ? (chance(0.8) ? 1 : 2) : 0;
  const fault = (p: number): boolean => {
    if (budget === 0 || !chance(p)) return false;
    budget--;
    return true;
  };
  const names = [...new Set(Array.from({ length: Math.floor(rand() * 7) }, () => pick(fault(0.1) ? NAMES : GOOD_NAMES)))];
  const flags: Obj = {};
  names.forEach((name, i) => {
    if (fault(0.05)) return put(flags, name, junk());
    const def: Obj = {};
    if (!(fault(0.1))) put(def, "default", fault(0.1) ? junk() : chance(0.5));
    if (chance(0.3)) put(def, "description", fault(0.2) ? junk() : `about ${name}`);
    if (chance(0.2)) put(def, "name", fault(0.3) ? pick(NAMES) : name);
    if (chance(0.3)) put(def, "rolloutStrategy", fault(0.3) ? junk() : pick(["immediate", "gradual", "ab_test"]));
    if (chance(0.2)) put(def, "since", fault(0.3) ? junk() : pick(["1.0.0", "0.3.1-rc.1+build.5"]));
    if (chance(0.2)) put(def, "stable", fault(0.3) ? junk() : chance(0.5));
    if (chance(0.3)) put(def, "metadata", fault(0.2) ? junk() : { owner: "team", limits: [1, 2, { max: 3 }], nested: { deeper: { ok: true } } });
    if (chance(0.3)) {
      const rollout: Obj = {};
      put(rollout, "percentage", fault(0.3) ? junk() : Math.floor(rand() * 101));
      if (chance(0.3)) put(rollout, "salt", fault(0.3) ? junk() : "s1");
      if (fault(0.2)) put(rollout, pick(UNKNOWN_KEYS), junk());
      put(def, "rollout", fault(0.1) ? junk() : rollout);
    }
    if (chance(0.5)) {
      // valid documents depend only on earlier flags; broken ones may point anywhere (cycles, unknown, self, duplicates)
      const anywhere = fault(0.3);
      const pool = anywhere ? [...names, "missing", 7] : names.slice(0, i);
      const deps = pool.length === 0 ? [] : Array.from({ length: Math.floor(rand() * 3) }, () => pick(pool));
      put(def, "dependencies", fault(0.1) ? junk() : anywhere ? deps : [...new Set(deps)]);
    }
    if (chance(0.15)) put(def, pick(UNKNOWN_KEYS), junk());
    put(flags, name, def);
  });
  if (!(fault(0.05))) put(doc, "flags", fault(0.05) ? junk() : flags);

  if (chance(0.4)) {
    const experiments: Obj = {};
    for (let i = Math.floor(rand() * 3); i > 0; i--) {
      const name = pick(fault(0.1) ? NAMES : ["exp_1", "exp_2", "checkout"]);
      if (fault(0.1)) {
        put(experiments, name, junk());
        continue;
      }
      const n = 1 + Math.floor(rand() * 3);
      const variants: unknown[] = Array.from({ length: n }, (_, k) => `v${k}`);
      const weights: unknown[] = variants.map(() => 1 / n);
      if (fault(0.3)) variants[Math.floor(rand() * n)] = pick(["v0", "", 3, null]);
      if (fault(0.3)) weights[Math.floor(rand() * n)] = pick([-0.5, Number.NaN, "0.5", 0.6, 0]);
      if (fault(0.1)) weights.push(0);
      const exp: Obj = {};
      put(exp, "variants", fault(0.1) ? junk() : variants);
      put(exp, "weights", fault(0.1) ? junk() : weights);
      if (chance(0.3)) put(exp, "salt", fault(0.3) ? junk() : "salt");
      if (chance(0.3)) put(exp, "description", fault(0.3) ? junk() : "an experiment");
      if (chance(0.1)) put(exp, pick(UNKNOWN_KEYS), junk());
      put(experiments, name, exp);
    }
    put(doc, "experiments", fault(0.05) ? junk() : experiments);
  }
  if (chance(0.4)) {
    const values: Obj = {};
    for (let i = Math.floor(rand() * 4); i > 0; i--) put(values, pick(fault(0.1) ? [...NAMES, "ghost"] : [...names, "ghost"]), fault(0.2) ? junk() : chance(0.5));
    put(doc, "feature_flags", fault(0.05) ? junk() : values);
  }
  if (chance(0.1)) put(doc, fault(0.3) ? "__proto__" : pick(UNKNOWN_KEYS), junk());
  return doc;
}

const show = (doc: unknown) => JSON.stringify(doc, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v === undefined ? "<undefined>" : v));

describe("validateConfig and isValidConfig over seeded documents", () => {
  const rand = mulberry32(20_261_130);
  const docs = Array.from({ length: 4000 }, () => generate(rand));

  it("covers valid and broken documents and every problem the validator knew before the limits", () => {
    const valid = docs.filter((d) => validateConfig(d).valid).length;
    expect(valid).toBeGreaterThan(1000);
    expect(docs.length - valid).toBeGreaterThan(1000);
    const seen = new Set<ErrorCode | WarningCode>();
    const sink = { error: (_p: string, code: ErrorCode) => void seen.add(code), warn: (_p: string, code: WarningCode) => void seen.add(code) };
    for (const doc of docs) checkConfig(doc, sink);
    const newer: Array<ErrorCode | WarningCode> = [P.TOO_MANY, P.NAME_LENGTH, P.TOO_DEEP, P.TOO_MANY_VALUES, P.FLAGD];
    const all = Object.values(P).filter((code) => !newer.includes(code));
    expect([...seen].filter((c) => !newer.includes(c)).sort()).toEqual(all.sort());
  });

  it("isValidConfig(d) === validateConfig(d).valid for every document", () => {
    const disagree = docs.filter((doc) => isValidConfig(doc) !== validateConfig(doc).valid);
    expect(disagree.slice(0, 3).map(show)).toEqual([]);
  });

  it("validateConfig reports exactly what the validator reported before the split", () => {
    for (const doc of docs) {
      const now = validateConfig(doc);
      const before = validateBeforeSplit(doc);
      if (JSON.stringify(now) !== JSON.stringify(before)) expect(now, show(doc)).toEqual(before);
    }
  });

  it("assertValidConfig throws a ConfigError with validateConfig's errors, and only for invalid documents", () => {
    for (const doc of docs.slice(0, 500)) {
      const result = validateConfig(doc);
      let thrown: unknown;
      try {
        assertValidConfig(doc);
      } catch (error) {
        thrown = error;
      }
      if (result.valid) expect(thrown, show(doc)).toBeUndefined();
      else {
        expect(thrown, show(doc)).toBeInstanceOf(ConfigError);
        expect((thrown as ConfigError).errors).toEqual(result.errors);
      }
    }
  });
});
