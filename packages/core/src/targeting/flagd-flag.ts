// One flagd flag compiled for evaluation. Every answer a flag can give that does not depend on
// the context (static value, DISABLED, a rule fault, each variant as a match, the default) is
// built once and frozen, so evaluate() allocates nothing but its Run and returns a shared object.
// A flag without targeting returns its one answer; evaluate() never throws.

import type { JsonValue } from "../types.js";
import type { FlagdContext, FlagdFlagDefinition, FlagdMetadata, FlagdProblem, FlagdResolution } from "./flagd-types.js";
import { compileRule, type Node, type Run } from "./json-logic.js";

/** A compiled flag. */
export interface CompiledFlagdFlag {
  readonly key: string;
  readonly state: "ENABLED" | "DISABLED";
  readonly variants: Readonly<Record<string, JsonValue>>;
  readonly defaultVariant: string | undefined;
  readonly metadata: FlagdMetadata;
  /** Whether the answer depends on the context (the flag has a rule that compiled). */
  readonly targeted: boolean;
  /** The one answer of a flag that does not depend on the context (what evaluate() returns). */
  readonly fixed: FlagdResolution | undefined;
  /** The fault that makes every evaluation answer ERROR / PARSE_ERROR, if any. */
  readonly fault: FlagdProblem | undefined;
  /** Non-fatal findings of the rule (operations that will answer null), for validation. */
  readonly notes: readonly FlagdProblem[];
  /** Evaluates the flag for `context`; never throws. */
  evaluate(context?: FlagdContext): FlagdResolution;
  /** evaluate(), plus the `if` branches the rule took (compiled on first use; the warm path pays nothing). */
  explain(context?: FlagdContext): FlagdExplanation;
}

/** An answer with the rule's choices, e.g. `flags.a.targeting.if[1]: condition flags.a.targeting.if[0] held`. */
export interface FlagdExplanation extends FlagdResolution {
  readonly trace: readonly string[];
}

/** What compileFlagdFlag needs besides the definition. */
export interface FlagCompileOptions {
  readonly evaluators?: Readonly<Record<string, unknown>>;
  /** Flag-set metadata; the flag's own keys win. */
  readonly setMetadata?: FlagdMetadata;
  /** Path of the flag in its document, for problems (default `flags.<key>`). */
  readonly path?: string;
  /** Clock for `$flagd.timestamp`, ms since the epoch (default Date.now). */
  readonly now?: () => number;
}

const EMPTY: FlagdContext = /*#__PURE__*/ Object.freeze({});

/** Freezes a variant value all the way down: answers share it, so no caller may change it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Compiles one flagd flag; the definition must have passed the structural checks. */
export function compileFlagdFlag(key: string, def: FlagdFlagDefinition, options: FlagCompileOptions = {}): CompiledFlagdFlag {
  const path = options.path ?? `flags.${key}`;
  const metadata: FlagdMetadata = Object.freeze({ ...options.setMetadata, ...def.metadata });
  const variants: Record<string, JsonValue> = Object.create(null);
  for (const [name, value] of Object.entries(def.variants)) variants[name] = deepFreeze(structuredClone(value));
  Object.freeze(variants);
  // as flagd-core: an empty-string defaultVariant counts as none
  const defaultVariant = def.defaultVariant || undefined;
  const answer = (variant: string | undefined, reason: FlagdResolution["reason"]): FlagdResolution =>
    Object.freeze({ value: variant === undefined ? undefined : variants[variant], variant, reason, metadata });
  const base = { key, state: def.state, variants, defaultVariant, metadata };

  const hasRule = def.targeting !== undefined && def.targeting !== null && !(typeof def.targeting === "object" && !Array.isArray(def.targeting) && Object.keys(def.targeting).length === 0);
  const compiled = hasRule ? compileRule(def.targeting, { evaluators: options.evaluators ?? {}, path: `${path}.targeting` }) : undefined;
  const notes = compiled?.notes ?? [];

  if (def.state === "DISABLED") {
    const disabled = answer(undefined, "DISABLED");
    return { ...base, targeted: false, fault: compiled && !compiled.ok ? compiled.fault : undefined, notes, fixed: disabled, evaluate: () => disabled, explain: () => ({ ...disabled, trace: [] }) };
  }
  if (compiled && !compiled.ok) {
    const fault = compiled.fault;
    const error: FlagdResolution = Object.freeze({
      value: undefined,
      variant: undefined,
      reason: "ERROR",
      errorCode: "PARSE_ERROR",
      errorMessage: `Invalid targeting configuration for flag '${key}': ${fault.path}: ${fault.message}`,
      metadata,
    });
    return { ...base, targeted: false, fault, notes, fixed: error, evaluate: () => error, explain: () => ({ ...error, trace: [`${fault.path}: ${fault.message}`] }) };
  }
  if (!compiled) {
    // no rule: the default variant, or (none declared) the caller's fallback
    const fixed = defaultVariant === undefined ? answer(undefined, "DEFAULT") : answer(defaultVariant, "STATIC");
    return { ...base, targeted: false, fault: undefined, notes, fixed, evaluate: () => fixed, explain: () => ({ ...fixed, trace: [] }) };
  }
  const node = compiled.node;
  const matches = new Map<string, FlagdResolution>();
  for (const name of Object.keys(variants)) matches.set(name, answer(name, "TARGETING_MATCH"));
  const fallback = answer(defaultVariant, "DEFAULT");
  const now = options.now ?? Date.now;
  // One Run per flag, reset on each evaluation, instead of an allocation per call; a re-entrant
  // call (a context getter that evaluates this flag again) gets a fresh one.
  const shared: MutableRun = { ctx: EMPTY, flagKey: key, ts: -1, now };
  let busy = false;
  const run = (ctx: FlagdContext): FlagdResolution => {
    if (busy) return evaluateRule(key, node, matches, fallback, ctx, { ctx, flagKey: key, ts: -1, now }, metadata);
    busy = true;
    shared.ctx = ctx;
    shared.ts = -1;
    try {
      return evaluateRule(key, node, matches, fallback, ctx, shared, metadata);
    } finally {
      busy = false;
    }
  };
  const memo = compiled.reads && compiled.reads.length <= MAX_MEMO_PATHS ? memoized(compiled.reads, run) : undefined;
  let traced: Node | undefined;
  const explain = (context?: FlagdContext): FlagdExplanation => {
    const ctx = context ?? EMPTY;
    const res = run(ctx);
    if (!traced) {
      const t = compileRule(def.targeting, { evaluators: options.evaluators ?? {}, path: `${path}.targeting`, trace: true });
      if (t.ok) traced = t.node;
    }
    const trace: string[] = [];
    try {
      traced?.(ctx, { ctx, flagKey: key, ts: -1, now, trace });
    } catch {
      // the answer above already reports the failure
    }
    return { ...res, trace };
  };
  return { ...base, targeted: true, fault: undefined, notes, fixed: undefined, evaluate: memo ?? ((context) => run(context ?? EMPTY)), explain };
}

type MutableRun = { -readonly [K in keyof Run]: Run[K] };

/** Rules reading more context paths than this are not memoised (comparing would cost as much). */
const MAX_MEMO_PATHS = 8;

/**
 * Remembers the last answer with the primitive values of the context paths the rule reads: the
 * answer is a function of those values alone, so while they are the same (the same user, read
 * again and again in renders) it is returned without running the rule. Safe under mutation of
 * the context object: values are compared, not the object.
 */
function memoized(paths: readonly string[], run: (ctx: FlagdContext) => FlagdResolution): (context?: FlagdContext) => FlagdResolution {
  const segments = paths.map((p) => p.split("."));
  const n = segments.length;
  const last = new Array<unknown>(n);
  let answer: FlagdResolution | undefined;
  // top-level attributes (the usual case) are compared with one property read each
  const flat = segments.every((s) => s.length === 1) ? segments.map((s) => s[0] as string) : undefined;
  return (context) => {
    const ctx = context ?? EMPTY;
    if (answer) {
      let i = 0;
      if (flat) while (i < n && (ctx as Record<string, unknown>)[flat[i] as string] === last[i]) i++;
      else while (i < n && rawRead(ctx, segments[i] as string[]) === last[i]) i++;
      if (i === n) return answer;
    }
    const res = run(ctx);
    answer = res.reason === "ERROR" ? undefined : res;
    for (let i = 0; i < n && answer; i++) {
      const v = rawRead(ctx, segments[i] as string[]);
      if (v !== null && (typeof v === "object" || typeof v === "function")) answer = undefined;
      last[i] = v;
    }
    return res;
  };
}

/**
 * The value at a path by plain property reads. Only primitives are remembered, and a primitive
 * never comes from Object.prototype, so the rule's own-property reads need not be repeated here.
 */
function rawRead(value: unknown, segments: readonly string[]): unknown {
  let v = value;
  for (let i = 0; i < segments.length; i++) {
    if (v === null || v === undefined) return undefined;
    v = (v as Record<string, unknown>)[segments[i] as string];
  }
  return v;
}

function evaluateRule(
  key: string,
  node: Node,
  matches: ReadonlyMap<string, FlagdResolution>,
  fallback: FlagdResolution,
  context: FlagdContext,
  run: Run,
  metadata: FlagdMetadata,
): FlagdResolution {
  let out: unknown;
  try {
    out = node(context, run);
    if (out === null || out === undefined) return fallback;
    // flagd takes the rule's answer as a variant name: true -> "true", 1 -> "1"
    const variant = typeof out === "string" ? out : String(out);
    const match = matches.get(variant);
    if (match) return match;
    return error("GENERAL", `Variant '${variant}' not found in flag with key '${key}'`, metadata);
  } catch (e) {
    // a context whose getters or toString throw, a stack exhausted by the caller's own recursion
    return error("GENERAL", `Error evaluating targeting rule for flag '${key}': ${e instanceof Error ? e.message : String(e)}`, metadata);
  }
}

function error(errorCode: "GENERAL", errorMessage: string, metadata: FlagdMetadata): FlagdResolution {
  return { value: undefined, variant: undefined, reason: "ERROR", errorCode, errorMessage, metadata };
}
