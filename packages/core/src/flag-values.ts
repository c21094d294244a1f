// Typed reads of any flag (flagd flags with values of any JSON type, Victor's boolean flags) over
// one store generation. The flagd engine is not imported here: `@victor-flags/core/targeting`
// hands its compiler over (`installFlagdEngine`), so a manager or store whose config has no flagd
// flags bundles none of it.

import { entryOf, flagValue, installFlagdHook, ruleOf, section, subjectOfGeneration, type Generation } from "./flag-evaluation.js";
import type { CompiledFlagdDocument } from "./targeting/flagd-document.js";
import type { FlagdContext, FlagdErrorCode, FlagdMetadata, FlagdReason } from "./targeting/flagd-types.js";
import { isFlagdFlag } from "./targeting/flagd-structure.js";
import { explainFlagdFlag } from "./targeting/flagd-explain.js";
import { hasOwn } from "./safe-record.js";
import { typedOverridesOf } from "./typed-overrides.js";
import type { FlagConfig, JsonValue } from "./types.js";

/** A value a flag can answer: any JSON value but `null` (the types a fallback can have). */
export type FlagValue = boolean | string | number | { [key: string]: JsonValue } | JsonValue[];

/** Why a flag has its value (OpenFeature's reasons, as flagd reports them). */
export type FlagValueReason = FlagdReason;

/** What went wrong, with reason `ERROR` (OpenFeature's error codes). */
export type FlagValueErrorCode = FlagdErrorCode;

/** A typed read's answer: the value or the caller's fallback, with why. */
export interface FlagValueDetails<T> {
  readonly key: string;
  readonly value: T;
  readonly variant: string | undefined;
  readonly reason: FlagValueReason;
  readonly errorCode?: FlagValueErrorCode;
  readonly errorMessage?: string;
  /** flagd: the flag set's metadata overlaid with the flag's own (empty for Victor flags). */
  readonly flagMetadata: FlagdMetadata;
}

/** A flag's answer before the fallback applies; `value` undefined means "the caller's fallback". */
export interface Resolution {
  readonly value: JsonValue | undefined;
  readonly variant: string | undefined;
  readonly reason: FlagValueReason;
  readonly errorCode?: FlagValueErrorCode;
  readonly errorMessage?: string;
  readonly metadata: FlagdMetadata;
}

const NO_METADATA: FlagdMetadata = /*#__PURE__*/ Object.freeze({});
const EMPTY: CompiledFlagdDocument = /*#__PURE__*/ Object.freeze({ flags: /*#__PURE__*/ new Map(), metadata: NO_METADATA, errors: [], warnings: [] });

// Compiled once per document (generations share their document), contexts and answers once per
// generation: a read repeated in every render is two map lookups until the context or config changes.
const compiled = /*#__PURE__*/ new WeakMap<object, CompiledFlagdDocument>();
const contexts = /*#__PURE__*/ new WeakMap<Generation, FlagdContext>();
const answers = /*#__PURE__*/ new WeakMap<Generation, Map<string, Resolution>>();

/** The engine's document compiler, once the targeting entry installed it. */
let compileDocument: ((doc: unknown) => CompiledFlagdDocument) | undefined;

export const NOT_INSTALLED = "flagd flags need the targeting engine: import { installFlagdTargeting } from \"@victor-flags/core/targeting\" and call it once";

function compiledOf(doc: FlagConfig | undefined): CompiledFlagdDocument | undefined {
  if (doc === undefined) return EMPTY;
  if (compileDocument === undefined) return undefined;
  let c = compiled.get(doc);
  if (c === undefined) compiled.set(doc, (c = compileDocument(doc)));
  return c;
}

/** The context rules read: the store's, with `targetingKey` the subject (`targetingKey`, else `userId`, else the anonymous id). */
function contextOf(g: Generation): FlagdContext {
  let c = contexts.get(g);
  if (c === undefined) {
    const given = g.context.targetingKey;
    const targetingKey = typeof given === "string" ? given : subjectOfGeneration(g);
    contexts.set(g, (c = Object.freeze({ ...g.context, targetingKey })));
  }
  return c;
}

/** `g` with the context its rules read set explicitly (a per-call evaluation: no anonymous subject). */
export function withFlagdContext(g: Generation, context: FlagdContext): Generation {
  contexts.set(g, Object.freeze({ ...context }));
  return g;
}

const answer = (value: JsonValue | undefined, reason: FlagValueReason, metadata = NO_METADATA): Resolution => ({ value, variant: undefined, reason, metadata });

function compute(g: Generation, key: string): Resolution {
  const def = entryOf(g.doc, "flags", key);
  // the top layers (env, runtime, QA overrides: a boolean, or a flagd flag's variant or value) win, as for Victor flags
  if (hasOwn(g.flagOverrides, key) || def === undefined) {
    if (!hasOwn(g.flagOverrides, key)) return { ...answer(undefined, "ERROR"), errorCode: "FLAG_NOT_FOUND", errorMessage: `flag '${key}' not found` };
    const o = typedOverridesOf(g.flagOverrides)?.[key] ?? g.flagOverrides[key]!;
    return typeof o === "boolean" ? answer(o, "STATIC") : { value: o.value, variant: o.variant, reason: "STATIC", metadata: NO_METADATA };
  }
  const rule = ruleOf(g.doc, key);
  if (!isFlagdFlag(def)) return answer(flagValue(g, key), rule?.percentage === undefined ? "STATIC" : "TARGETING_MATCH");
  if (rule?.configValue !== undefined) return answer(rule.configValue, "STATIC");
  const doc = compiledOf(g.doc);
  if (doc === undefined) return { ...answer(undefined, "ERROR"), errorCode: "GENERAL", errorMessage: NOT_INSTALLED };
  const flag = doc.flags.get(key);
  if (flag === undefined) {
    // only a document that skipped validation gets here: its flagd part has structural errors
    const first = doc.errors[0];
    return { ...answer(undefined, "ERROR"), errorCode: "PARSE_ERROR", errorMessage: first ? `${first.path}: ${first.message}` : `flag '${key}' could not be compiled` };
  }
  return flag.fixed ?? flag.evaluate(contextOf(g));
}

/** A flag's answer in one generation, computed on first read (value `undefined`: the caller's fallback). */
export function resolve(g: Generation, key: string): Resolution {
  let map = answers.get(g);
  if (map === undefined) answers.set(g, (map = new Map()));
  let r = map.get(key);
  if (r === undefined) map.set(key, (r = compute(g, key)));
  return r;
}

/** The type a fallback asks for: its typeof, with arrays and objects both "object". */
function valueTypeOf(fallback: unknown): string | undefined {
  const t = typeof fallback;
  return t === "boolean" || t === "string" || t === "number" ? t : t === "object" && fallback !== null ? "object" : undefined;
}

const typeName = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

function sameType(value: unknown, fallback: unknown): boolean {
  const t = typeof value;
  return t === typeof fallback && (t !== "object" || (value !== null && fallback !== null));
}

// The answer a details reader shows (metadata aside): a reason or variant may move while the value stays.
const answerMoved = (a: Resolution, b: Resolution): boolean => !Object.is(a.value, b.value) || a.variant !== b.variant || a.reason !== b.reason || a.errorCode !== b.errorCode;

/**
 * The value of `key` when it has `fallback`'s type, else `fallback`. `warn` hears once about a
 * type mismatch (the caller decides where, and only in development).
 */
export function readValue<T extends FlagValue>(g: Generation, key: string, fallback: T, warn?: (message: string) => void): T {
  const value = resolve(g, key).value;
  if (value === undefined) return fallback;
  if (sameType(value, fallback)) return value as T;
  if (warn && valueTypeOf(fallback) !== undefined) warn(mismatch(key, value, fallback));
  return fallback;
}

/** `readValue` with the variant, reason, error code and metadata. */
export function readDetails<T extends FlagValue>(g: Generation, key: string, fallback: T, warn?: (message: string) => void): FlagValueDetails<T> {
  const r = resolve(g, key);
  // Object literals of one shape (no spreads): this runs in renders and per server request.
  if (r.value === undefined) {
    return r.errorCode === undefined
      ? { key, value: fallback, variant: r.variant, reason: r.reason, flagMetadata: r.metadata }
      : { key, value: fallback, variant: r.variant, reason: r.reason, errorCode: r.errorCode, errorMessage: r.errorMessage, flagMetadata: r.metadata };
  }
  const type = valueTypeOf(fallback);
  if (type === undefined || sameType(r.value, fallback)) return { key, value: r.value as T, variant: r.variant, reason: r.reason, flagMetadata: r.metadata };
  warn?.(mismatch(key, r.value, fallback));
  return {
    key,
    value: fallback,
    variant: undefined,
    reason: "ERROR",
    errorCode: "TYPE_MISMATCH",
    errorMessage: `Evaluated type of the flag ${key} does not match. Expected ${type}, got ${typeName(r.value)}`,
    flagMetadata: r.metadata,
  };
}

const mismatch = (key: string, value: unknown, fallback: unknown): string => `"${key}" is a ${typeName(value)} flag, read with a ${typeName(fallback)} fallback: the fallback answers`;

/** Whether `key` is a flagd flag of the generation's document. */
export function isFlagdKey(g: Generation, key: string): boolean {
  const flags = section(g.doc, "flags");
  return flags !== undefined && hasOwn(flags, key) && isFlagdFlag(flags[key]);
}

/**
 * Installs the flagd engine's compiler and lets the light store evaluate flagd flags: `isEnabled`
 * of a boolean flagd flag, change notifications for values of any type. Idempotent.
 */
export function installFlagdEngine(compile: (doc: unknown) => CompiledFlagdDocument): void {
  compileDocument = compile;
  installFlagdHook({
    boolean(g, key) {
      const value = resolve(g, key).value;
      return typeof value === "boolean" ? value : undefined;
    },
    moved: (prev, next, key) => (isFlagdKey(prev, key) || isFlagdKey(next, key)) && answerMoved(resolve(prev, key), resolve(next, key)),
    ruleWarnings: (doc) => compile(doc).warnings.map((w) => ({ path: w.path, message: w.message })),
    explain: (g, key) => explainFlagdFlag(compiledOf(g.doc), key, contextOf(g)),
  });
}
