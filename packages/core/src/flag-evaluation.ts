import { assignVariant, inRollout } from "./bucketing.js";
import type { KeyValueStorage } from "./platform.js";
import { emptyRecord, hasOwn } from "./safe-record.js";
import { subjectFor } from "./subject.js";
import type { FlagConfig, FlagContext, FlagdExplanationDetails } from "./types.js";

// Evaluation reads the config document as it arrived, without compiling it first: load time and
// memory then scale with what is read, not with the size of the catalogue. The reads are
// tolerant, so a document that skipped validation (a static config in a production build) can
// answer defaults but never throw or hang.

/**
 * Everything values depend on at one moment, plus the values computed from it so far. A write
 * to the store makes a new generation; an old one stays readable (hydration, diffs, audit).
 */
export interface Generation {
  readonly doc: FlagConfig | undefined;
  readonly context: FlagContext;
  readonly storage: KeyValueStorage;
  /** Highest-layer values set by whoever composes the store (env and runtime overrides). */
  readonly flagOverrides: Readonly<Record<string, boolean>>;
  readonly variantOverrides: Readonly<Record<string, string>>;
  /** The bucketing subject, resolved on first use (it may read storage). */
  subject: string | undefined;
  /** Effective values computed so far, by name. */
  readonly values: Record<string, boolean>;
  /** Variants computed so far, by experiment. */
  readonly variants: Record<string, string | undefined>;
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);

/** A section of the document (`flags`, `experiments`, `feature_flags`) when it is an object. */
export function section(doc: FlagConfig | undefined, key: "flags" | "experiments" | "feature_flags"): Loose | undefined {
  const value = doc === undefined ? undefined : (doc as unknown as Loose)[key];
  return isObject(value) ? value : undefined;
}

/** The definition object of `name` in a section, or `undefined`. */
export function entryOf(doc: FlagConfig | undefined, key: "flags" | "experiments", name: string): Loose | undefined {
  const s = section(doc, key);
  const value = s !== undefined && hasOwn(s, name) ? s[name] : undefined;
  return isObject(value) ? value : undefined;
}

/** A flag definition read tolerantly: what evaluation and explain need of it. */
export interface FlagRule {
  readonly default: boolean;
  readonly dependencies: readonly string[];
  readonly percentage: number | undefined;
  readonly seed: string;
  /** The `feature_flags` value for this name, when the document sets one. */
  readonly configValue: boolean | undefined;
  /** Whether the definition is a flagd flag (`state` or `variants`): its value comes from the flagd hook. */
  readonly flagd: boolean;
}

/** What the flagd engine answers the light core, once `@victor-flags/core/targeting` installed it. */
export interface FlagdHook {
  /** A flagd flag's value when it is a boolean, else `undefined` (the flag then reads as off). */
  boolean(g: Generation, name: string): boolean | undefined;
  /** Whether a flagd flag's answer (value of any type, variant, reason, error code) differs between two generations. */
  moved(prev: Generation, next: Generation, name: string): boolean;
  /** Faults inside flagd flags' rules (warnings with their paths), found by compiling them. */
  ruleWarnings(doc: unknown): { path: string; message: string }[];
  /** A flagd flag's answer with the rule's choices, and why in one sentence (for `explain()`). */
  explain(g: Generation, name: string): { details: FlagdExplanationDetails | undefined; reason: string };
}

/**
 * The installed flagd engine, or `undefined`. A slot instead of an import, so an app whose config
 * has no flagd flags bundles none of the engine (docs/targeting.md, "Loading").
 */
export let flagdHook: FlagdHook | undefined;

/** The development warning for a document whose flagd flags cannot evaluate (no engine installed), or undefined. */
export function missingEngineWarning(doc: FlagConfig | undefined): string | undefined {
  if (flagdHook !== undefined) return undefined;
  const flags = section(doc, "flags");
  let key: string | undefined;
  // checked in place rather than through ruleOf: this runs on every load of a development build,
  // and building a rule per flag was a fifth of a 1 000-flag load
  for (const k in flags) {
    const def = flags[k];
    if (isObject(def) && (hasOwn(def, "state") || hasOwn(def, "variants"))) {
      key = k;
      break;
    }
  }
  return key === undefined
    ? undefined
    : `flag "${key}" is a flagd flag, which reads as off (and its fallback) until the engine is installed: import { installFlagdTargeting } from "@victor-flags/core/targeting" and call it once`;
}

/** Installs the flagd engine's reads (called by the targeting entry). */
export function installFlagdHook(hook: FlagdHook): void {
  flagdHook = hook;
}

const NO_DEPENDENCIES: readonly string[] = Object.freeze([]);
const NO_ROLLOUT: Loose = Object.freeze({});

/** Reads the rule of a declared flag, or `undefined` for a name the document does not declare. */
export function ruleOf(doc: FlagConfig | undefined, name: string): FlagRule | undefined {
  const def = entryOf(doc, "flags", name);
  if (def === undefined) return undefined;
  const rollout = isObject(def.rollout) ? def.rollout : NO_ROLLOUT;
  const deps = def.dependencies;
  const map = section(doc, "feature_flags");
  return {
    default: def.default === true,
    dependencies: Array.isArray(deps) ? deps.filter((d): d is string => typeof d === "string") : NO_DEPENDENCIES,
    percentage: typeof rollout.percentage === "number" ? rollout.percentage : undefined,
    seed: typeof rollout.salt === "string" ? rollout.salt : name,
    configValue: map !== undefined && hasOwn(map, name) && typeof map[name] === "boolean" ? map[name] : undefined,
    flagd: hasOwn(def, "state") || hasOwn(def, "variants"),
  };
}

/** The subject of a generation, resolved once. */
export function subjectOfGeneration(g: Generation): string {
  return (g.subject ??= subjectFor(g.context, g.storage));
}

/** Whether `name` is a flag in this generation: declared, or given a value by an override. */
export function isKnownFlag(g: Generation, name: string): boolean {
  return hasOwn(g.flagOverrides, name) || entryOf(g.doc, "flags", name) !== undefined;
}

/** Layers 1–5 of the resolution order for a known flag: override, config value map, rollout bucket, default. */
export function rawValue(g: Generation, name: string, rule: FlagRule | undefined): boolean {
  const override = g.flagOverrides[name];
  if (override !== undefined) return override;
  if (rule === undefined) return false;
  if (rule.configValue !== undefined) return rule.configValue;
  if (rule.flagd) return flagdHook?.boolean(g, name) ?? false;
  if (rule.percentage !== undefined) return inRollout(rule.seed, subjectOfGeneration(g), rule.percentage);
  return rule.default;
}

/**
 * The effective value of a flag: its raw value, gated by every dependency (the last step of the resolution order).
 * Iterative with an explicit stack, so a dependency chain of any length evaluates without
 * growing the call stack; a cycle (only possible in a document that skipped validation) is off.
 */
export function flagValue(g: Generation, name: string): boolean {
  const cached = g.values[name];
  if (cached !== undefined) return cached;
  const values = g.values;
  const stack = [name];
  const visiting = new Set<string>();
  while (stack.length > 0) {
    const current = stack[stack.length - 1]!;
    if (values[current] !== undefined) {
      stack.pop();
      continue;
    }
    visiting.add(current);
    // One read of the definition per evaluation: an unknown name has no rule and no override, so
    // it resolves (and caches) off, which is also what it answers as a dependency.
    const rule = ruleOf(g.doc, current);
    let on = rawValue(g, current, rule);
    let pending: string | undefined;
    if (on && rule !== undefined) {
      for (const dep of rule.dependencies) {
        const known = values[dep];
        if (known === true) continue;
        if (known === false || visiting.has(dep)) {
          on = false;
          break;
        }
        pending = dep;
        break;
      }
    }
    if (pending !== undefined) {
      stack.push(pending);
      continue;
    }
    values[current] = on;
    stack.pop();
  }
  return values[name] === true;
}

/** The variant of an experiment: a forced one, else the subject's bucket; `undefined` when unknown. */
export function variantValue(g: Generation, experiment: string): string | undefined {
  const cached = g.variants[experiment];
  if (cached !== undefined) return cached;
  const exp = entryOf(g.doc, "experiments", experiment);
  if (exp === undefined || !Array.isArray(exp.variants) || !Array.isArray(exp.weights)) return undefined;
  // A forced variant applies only while the document still offers it.
  const forced = g.variantOverrides[experiment];
  const variant: unknown =
    forced !== undefined && exp.variants.includes(forced)
      ? forced
      : assignVariant(typeof exp.salt === "string" ? exp.salt : experiment, subjectOfGeneration(g), exp.variants as string[], exp.weights as number[]);
  // A document that skipped validation may list a non-string variant: it reads as no variant.
  return typeof variant === "string" ? (g.variants[experiment] = variant) : undefined;
}

/** Names of every flag in a generation: declared ones, then override-only (ad-hoc) ones. */
export function flagNames(g: Generation): string[] {
  const names = Object.keys(section(g.doc, "flags") ?? {});
  for (const name of Object.keys(g.flagOverrides)) if (entryOf(g.doc, "flags", name) === undefined) names.push(name);
  return names;
}

/** Names of every declared experiment. */
export function experimentNames(g: Generation): string[] {
  const exps = section(g.doc, "experiments");
  return exps === undefined ? [] : Object.keys(exps).filter((name) => entryOf(g.doc, "experiments", name) !== undefined);
}

/** A generation with new inputs and empty caches; `subject` carries over when the context did. */
export function nextGeneration(prev: Generation, change: Partial<Pick<Generation, "doc" | "context" | "flagOverrides" | "variantOverrides">>): Generation {
  return {
    doc: "doc" in change ? change.doc : prev.doc,
    context: change.context ?? prev.context,
    storage: prev.storage,
    flagOverrides: change.flagOverrides ?? prev.flagOverrides,
    variantOverrides: change.variantOverrides ?? prev.variantOverrides,
    subject: change.context === undefined ? prev.subject : undefined,
    values: emptyRecord(),
    variants: emptyRecord(),
  };
}

/** The first generation of a store. */
export function firstGeneration(doc: FlagConfig | undefined, context: FlagContext, storage: KeyValueStorage, overrides?: Readonly<Record<string, boolean>>): Generation {
  const flagOverrides = Object.assign(emptyRecord<boolean>(), overrides);
  // nextGeneration fills in the rest: doc and context from the change, empty caches, no subject yet.
  return nextGeneration({ storage, flagOverrides, variantOverrides: emptyRecord() } as Generation, { doc, context });
}
