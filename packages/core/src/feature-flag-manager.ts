import { AuditLog } from "./audit-log.js";
import { assignVariant } from "./bucketing.js";
import { adHocFlag, buildGraph, compileConfig, type CompiledConfig, type CompiledExperiment, type CompiledFlag, type FlagGraph } from "./compiled-config.js";
import { withTransitiveDependents } from "./dependency-graph.js";
import { createWarnOnce } from "./dev-warnings.js";
import { parseEnvOverrides } from "./env-overrides.js";
import { ConfigError, DependencyError, InvalidArgumentError } from "./errors.js";
import { evaluatePure, explainFlag, gate, resolveRaw, type EvaluationLayers, type RuntimeOverride } from "./evaluator.js";
import { notifyAll } from "./listeners.js";
import { FlagStore, type FlagChange, type VariantChange } from "./flag-store.js";
import { ChangeCallbacks, type FlagCallback } from "./change-callbacks.js";
import { ExposureLog } from "./exposure-log.js";
import { consoleLogger, detectStorage, type KeyValueStorage, type Logger } from "./platform.js";
import { emptyRecord, hasOwn, isReservedName } from "./safe-record.js";
import { copyContext, subjectFor, subjectOf } from "./subject.js";
import type {
  AuditEntry,
  AuditValue,
  ConfigOrigin,
  Explanation,
  ExposureEvent,
  FlagConfig,
  FlagContext,
  FlagMetadata,
  FlagsSnapshot,
  FlagsStatus,
  VariantExplanation,
} from "./types.js";
import { validateConfig } from "./validate-config.js";
import type { ExperimentName, FlagName, VariantOf } from "./register.js";

/** Options of `new FeatureFlagManager(...)`; every one is optional. */
export interface FeatureFlagManagerOptions {
  /** The config document of SPEC §2; an invalid one throws a `ConfigError`. */
  config?: FlagConfig;
  /** Who flags are evaluated for; `userId` is the bucketing subject. */
  context?: FlagContext;
  /** `VICTOR_FEATURE_*` strings (also `VITE_`/`NEXT_PUBLIC_` forms): the highest layer. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the anonymous subject id is kept (default: localStorage in browsers, else memory). */
  storage?: KeyValueStorage;
  /** Where warnings and listener errors go (default: console). */
  logger?: Logger;
  /** How many audit entries to keep (default 1000). */
  auditLogSize?: number;
  /** Where `config` came from, for `getStatus().source` (default "static"). */
  configOrigin?: ConfigOrigin;
}

/** Options of `setFlag`. */
export interface SetFlagOptions {
  /** Who set the override, recorded in the audit log and `explain()` (default "runtime"). */
  source?: string;
}

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /** Where the document came from (default "static"). */
  origin?: ConfigOrigin;
  /** `source` of the audit entries for flags the new document changes (default: "remote" for network, else "config"). */
  auditSource?: string;
}

/** `evaluate()`'s answer: the explanation of a flag for one context, computed without side effects. */
export type Evaluation = Explanation;

type Change = FlagChange;
/** A forced variant and who forced it. */
type VariantOverride = { readonly variant: string; readonly source: string };

/** Validates a document and compiles it, or throws a `ConfigError` listing every problem. */
function compileOrThrow(doc: unknown): CompiledConfig {
  const result = validateConfig(doc);
  if (!result.valid) throw new ConfigError(result.errors);
  return compileConfig(doc as FlagConfig);
}

function checkName(name: unknown, what: string): asserts name is string {
  if (typeof name !== "string" || name === "") throw new InvalidArgumentError(`${what} must be a non-empty string, got ${JSON.stringify(name) ?? String(name)}`);
  if (isReservedName(name)) throw new InvalidArgumentError(`"${name}" is a reserved name and cannot be a ${what.split(" ")[0]}`);
}

/**
 * Holds flag definitions and every override layer, keeps each flag's effective value current,
 * and notifies only the subscribers of values that moved.
 */
export class FeatureFlagManager {
  private readonly storage: KeyValueStorage;
  private readonly logger: Logger;
  private readonly warnOnce: (message: string) => void;
  private readonly audit: AuditLog;

  private compiled: CompiledConfig = { flags: emptyRecord(), experiments: emptyRecord(), values: emptyRecord() };
  private hasConfig = false;
  private flags = emptyRecord<CompiledFlag>();
  private graph: FlagGraph = buildGraph(emptyRecord());
  private readonly env = emptyRecord<boolean>();
  private readonly envVariables = emptyRecord<string>();
  private readonly runtime = emptyRecord<RuntimeOverride>();
  private readonly variantOverrides = emptyRecord<VariantOverride>();
  private layers!: EvaluationLayers;

  private context: FlagContext = {};
  private subject: string;
  private readonly store: FlagStore;
  private readonly values: Record<string, boolean>;
  private readonly variants: Record<string, string | undefined>;
  private readonly callbacks: ChangeCallbacks;
  private readonly exposures: ExposureLog;
  /** Set when a recompute added flags, so `publish` replaces the snapshot even if no value moved. */
  private grew = false;
  /** Rollout flags and their dependents in evaluation order: what a new subject can move. */
  private bucketed: string[] | undefined;
  private readonly contextListeners = new Set<(context: FlagContext) => void>();

  constructor(options: FeatureFlagManagerOptions = {}) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) throw new InvalidArgumentError("FeatureFlagManager options must be an object");
    this.storage = options.storage ?? detectStorage();
    this.logger = options.logger ?? consoleLogger;
    this.warnOnce = createWarnOnce(this.logger);
    this.audit = new AuditLog(options.auditLogSize);
    this.store = new FlagStore(this.logger);
    this.values = this.store.values;
    this.variants = this.store.variants;
    this.callbacks = new ChangeCallbacks(this.logger);
    this.exposures = new ExposureLog(this.logger);
    if (options.context !== undefined) this.context = copyContext(options.context);
    this.subject = subjectFor(this.context, this.storage);
    if (options.env !== undefined) {
      if (typeof options.env !== "object" || options.env === null) throw new InvalidArgumentError("env must be a record of strings");
      const parsed = parseEnvOverrides(options.env);
      for (const problem of parsed.problems) this.logger.warn(problem.message);
      Object.assign(this.env, parsed.overrides);
      Object.assign(this.envVariables, parsed.variables);
    }
    this.rebuildLayers();
    if (options.config !== undefined) {
      this.install(compileOrThrow(options.config), options.configOrigin ?? "static", undefined);
    } else if (Object.keys(this.env).length > 0) {
      // No config yet: env overrides still apply, as ad-hoc flags (as `setFlag` would create).
      for (const name of Object.keys(this.env)) this.flags[name] = adHocFlag(name);
      this.graph = buildGraph(this.flags);
      this.recomputeAll();
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** Effective value of a flag; `false` for an unknown name (warned once in development). */
  isEnabled(name: FlagName): boolean {
    // Hot path: one lookup in a null-prototype record, no allocation, no string building.
    const value = this.values[name];
    if (value !== undefined) return value;
    if (this.hasConfig) this.warnOnce(`unknown flag "${String(name)}": isEnabled returns false`);
    return false;
  }

  /** The variant the current subject gets in an experiment; `undefined` for an unknown experiment. */
  getVariant<E extends ExperimentName>(experiment: E): VariantOf<E> | undefined {
    // Hot path as in isEnabled: a declared experiment always has a variant (weights sum to 1).
    const variant = this.variants[experiment];
    if (variant !== undefined) return variant as VariantOf<E>;
    if (this.hasConfig) this.warnOnce(`unknown experiment "${String(experiment)}": getVariant returns undefined`);
    return undefined;
  }

  /** Every flag's effective value (a fresh object with no prototype). */
  getAllFlags(): Record<string, boolean> {
    return Object.assign(emptyRecord<boolean>(), this.values);
  }

  /** Every experiment's current variant (a fresh object with no prototype). */
  getAllVariants(): Record<string, string | undefined> {
    return Object.assign(emptyRecord<string | undefined>(), this.variants);
  }

  /** The definition of a flag, including dependencies and metadata; `undefined` when unknown. */
  getFlagMetadata(name: string): FlagMetadata | undefined {
    return typeof name === "string" && hasOwn(this.flags, name) ? this.flags[name]!.metadata : undefined;
  }

  /** Names of the declared experiments with their variants and weights. */
  getExperiments(): readonly CompiledExperiment[] {
    return Object.values(this.compiled.experiments);
  }

  /** Which layer decided a flag's value, and why. */
  explain(name: string): Explanation {
    const known = typeof name === "string" && hasOwn(this.flags, name);
    return explainFlag(known ? name : String(name), this.layers, this.subject, (dep) => this.values[dep] === true, known && !this.flags[name]!.metadata.adHoc);
  }

  /** How the current variant of an experiment was chosen. */
  explainVariant(experiment: string): VariantExplanation {
    const exp = hasOwn(this.compiled.experiments, experiment) ? this.compiled.experiments[experiment] : undefined;
    if (!exp) return { experiment, variant: undefined, source: "unknown", reason: `unknown experiment "${experiment}"` };
    const override = this.variantOverrides[experiment];
    if (override) return { experiment, variant: override.variant, source: "runtime", reason: `runtime override (source: ${override.source})`, overrideSource: override.source };
    const variant = this.variants[experiment];
    return { experiment, variant, source: "bucket", reason: `subject "${this.subject}" hashes into the "${variant}" range of weights [${exp.weights.join(", ")}]` };
  }

  /**
   * Evaluates a flag for another context without changing this manager's state (the server's
   * per-request evaluation). Without a `userId`, rollouts use this manager's subject.
   */
  evaluate(name: string, context: FlagContext = {}): Evaluation {
    const subject = subjectOf(context) ?? this.subject;
    const memo = new Map<string, boolean>();
    const known = typeof name === "string" && hasOwn(this.flags, name);
    return explainFlag(String(name), this.layers, subject, (dep) => evaluatePure(dep, this.layers, subject, memo), known && !this.flags[name]!.metadata.adHoc);
  }

  /** The variant of an experiment for another context, without changing this manager's state. */
  evaluateVariant(experiment: string, context: FlagContext = {}): string | undefined {
    const exp = hasOwn(this.compiled.experiments, experiment) ? this.compiled.experiments[experiment] : undefined;
    if (!exp) return undefined;
    const override = this.variantOverrides[experiment];
    if (override) return override.variant;
    return assignVariant(exp.seed, subjectOf(context) ?? this.subject, exp.variants, exp.weights);
  }

  /** The current evaluation context (a copy). */
  getContext(): FlagContext {
    return { ...this.context };
  }

  /** The bucketing subject: the context's `userId`, else the persisted anonymous id. */
  getSubject(): string {
    return this.subject;
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Sets a runtime override. Enabling a flag whose dependencies are off throws a
   * `DependencyError` and changes nothing; an undeclared name becomes an ad-hoc flag.
   */
  setFlag(name: FlagName, value: boolean, options: SetFlagOptions = {}): void {
    checkName(name, "flag name");
    if (typeof value !== "boolean") throw new InvalidArgumentError(`setFlag("${name}", value): value must be a boolean, got ${JSON.stringify(value) ?? typeof value}`);
    const source = options.source ?? "runtime";
    if (typeof source !== "string" || source === "") throw new InvalidArgumentError(`setFlag("${name}"): source must be a non-empty string`);
    const existing = this.flags[name];
    if (value && existing) {
      const unmet = existing.dependencies.filter((dep) => this.values[dep] !== true);
      if (unmet.length > 0) throw new DependencyError(name, unmet);
    }
    const previous = this.runtime[name];
    if (previous && previous.value === value && previous.source === source) return;
    if (!existing) this.addAdHoc(name);
    if (this.env[name] !== undefined) {
      this.logger.warn(`setFlag("${name}") is shadowed by ${this.envVariables[name]}; the runtime value applies once the environment override is removed`);
    }
    const old = this.values[name] === true;
    this.runtime[name] = Object.freeze({ value, source });
    const changes = this.recompute([name]);
    this.audit.record(name, old, value, source);
    this.recordCascade(changes, name);
    this.publish(changes, []);
  }

  /** Drops the runtime override of a flag, so the lower layers decide again. */
  resetFlag(name: string): void {
    if (typeof name !== "string" || !hasOwn(this.runtime, name)) return;
    const old = this.values[name] === true;
    delete this.runtime[name];
    const changes = this.recompute([name]);
    this.audit.record(name, old, this.values[name] === true, "reset");
    this.recordCascade(changes, name);
    this.publish(changes, []);
  }

  /** Drops every runtime flag and variant override. */
  resetAll(): void {
    const names = Object.keys(this.runtime);
    const experiments = Object.keys(this.variantOverrides);
    if (names.length === 0 && experiments.length === 0) return;
    const before = { ...this.values };
    for (const name of names) delete this.runtime[name];
    for (const exp of experiments) delete this.variantOverrides[exp];
    const changes = this.recompute(names);
    for (const name of names) this.audit.record(name, before[name] === true, this.values[name] === true, "reset");
    const variantChanges = this.recomputeVariants(experiments);
    for (const c of variantChanges) this.audit.record(c.name, (c.old ?? null) as AuditValue, c.value ?? null, "reset");
    this.recordCascade(changes, ...names);
    this.publish(changes, variantChanges);
  }

  /** Forces a variant of a declared experiment (QA, devtools, tests). */
  setVariant<E extends ExperimentName>(experiment: E, variant: VariantOf<E>, options: SetFlagOptions = {}): void {
    checkName(experiment, "experiment name");
    const exp = this.compiled.experiments[experiment];
    if (!exp) throw new InvalidArgumentError(`unknown experiment "${experiment}"`);
    if (!exp.variants.includes(variant)) throw new InvalidArgumentError(`experiment "${experiment}" has no variant "${variant}" (variants: ${exp.variants.join(", ")})`);
    const source = options.source ?? "runtime";
    if (typeof source !== "string" || source === "") throw new InvalidArgumentError(`setVariant("${experiment}"): source must be a non-empty string`);
    const old = this.variants[experiment];
    this.variantOverrides[experiment] = Object.freeze({ variant, source });
    const changes = this.recomputeVariants([experiment]);
    this.audit.record(experiment, old ?? null, variant, source);
    this.publish([], changes);
  }

  /** Drops a forced variant, so bucketing decides again. */
  resetVariant(experiment: string): void {
    if (typeof experiment !== "string" || !hasOwn(this.variantOverrides, experiment)) return;
    const old = this.variants[experiment];
    delete this.variantOverrides[experiment];
    const changes = this.recomputeVariants([experiment]);
    this.audit.record(experiment, old ?? null, this.variants[experiment] ?? null, "reset");
    this.publish([], changes);
  }

  /**
   * Replaces the evaluation context. Flags and variants are re-bucketed for the new subject and
   * only those whose value moved notify.
   */
  setContext(context: FlagContext): void {
    const next = copyContext(context);
    const subject = subjectFor(next, this.storage);
    this.context = next;
    // Config sources (remote) hear every context change, even one that moves no flag.
    if (this.contextListeners.size > 0) notifyAll(this.contextListeners, [{ ...next }], this.logger, "context listener");
    if (subject === this.subject) return;
    this.subject = subject;
    this.exposures.reset();
    // Only bucketed values can move with the subject: rollout flags, their dependents, experiments.
    this.bucketed ??= this.affectedOrder(Object.keys(this.flags).filter((name) => this.flags[name]!.rolloutPercentage !== undefined));
    this.publish(this.evaluateInOrder(this.bucketed), this.recomputeVariants(Object.keys(this.compiled.experiments)));
  }

  /**
   * Replaces the config with a new document when it is valid; an invalid one throws a
   * `ConfigError` and the current config stays. Runtime and env overrides survive.
   */
  loadConfig(doc: unknown, options: LoadConfigOptions = {}): void {
    const origin = options.origin ?? "static";
    this.install(compileOrThrow(doc), origin, options.auditSource ?? (origin === "network" ? "remote" : "config"));
  }

  /**
   * Re-evaluates every flag and variant from its layers and forgets which exposures were
   * already reported. Values that moved notify as usual.
   */
  clearCache(): void {
    this.subject = subjectFor(this.context, this.storage);
    this.exposures.reset();
    this.publish(this.recomputeAll(), this.recomputeVariants(Object.keys(this.compiled.experiments)));
  }

  // ---- audit log and callbacks ---------------------------------------------------------------

  /** Recorded changes, newest first, optionally for one flag and at most `limit`. */
  getAuditLog(name?: string, options: { limit?: number } = {}): AuditEntry[] {
    return this.audit.list(name, options.limit);
  }

  /** Empties the audit log. */
  clearAuditLog(): void {
    this.audit.clear();
  }

  /**
   * Calls `callback(name, value)` after a flag's effective value changes (`"*"`: any flag). Each
   * callback runs in isolation; the returned function unsubscribes.
   */
  onFlagChanged(name: string, callback: FlagCallback): () => void {
    if (typeof callback !== "function") throw new InvalidArgumentError("onFlagChanged: callback must be a function");
    checkName(name, "flag name");
    return this.callbacks.add(name, callback);
  }

  // ---- store contract (what the React package builds on) ---------------------------------------

  /** Calls `listener` after any flag or variant changes. */
  subscribe(listener: () => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Calls `listener` only when this flag's effective value changes. */
  subscribeFlag(name: string, listener: () => void): () => void {
    return this.store.subscribeFlag(name, listener);
  }

  /** Calls `listener` only when this experiment's variant changes. */
  subscribeVariant(experiment: string, listener: () => void): () => void {
    return this.store.subscribeVariant(experiment, listener);
  }

  /** An immutable picture of every value; the same object until something changes. */
  getSnapshot(): FlagsSnapshot {
    return this.store.getSnapshot();
  }

  /** Loading state: ready, loading, last error and where the config came from. */
  getStatus(): FlagsStatus {
    return this.store.getStatus();
  }

  /** Calls `listener` when the status changes. */
  subscribeStatus(listener: () => void): () => void {
    return this.store.subscribeStatus(listener);
  }

  /** Updates the status (for config sources such as the remote source). */
  reportStatus(patch: Partial<FlagsStatus>): void {
    this.store.reportStatus(patch);
  }

  /** Listeners and callbacks currently attached (to check that unmounting leaks nothing). */
  listenerCount(): number {
    return this.store.listenerCount() + this.callbacks.count + this.contextListeners.size;
  }

  /** Calls `listener` with the new context after each `setContext` (for config sources). */
  onContextChange(listener: (context: FlagContext) => void): () => void {
    this.contextListeners.add(listener);
    return () => void this.contextListeners.delete(listener);
  }

  // ---- exposures ------------------------------------------------------------------------------

  /**
   * Reports that the UI showed a flag or variant to the current subject. Deduplicated per
   * (subject, flag, value): listeners hear each distinct exposure once.
   */
  recordExposure(kind: "flag" | "variant", name: string): void {
    if (!this.exposures.active) return;
    this.exposures.record(kind, name, kind === "flag" ? this.isEnabled(name) : this.getVariant(name), this.subject);
  }

  /** Calls `listener` for each distinct exposure; the returned function unsubscribes. */
  onExposure(listener: (event: ExposureEvent) => void): () => void {
    return this.exposures.listen(listener);
  }

  // ---- internals ------------------------------------------------------------------------------

  private rebuildLayers(): void {
    this.layers = { flags: this.flags, env: this.env, envVariables: this.envVariables, runtime: this.runtime, config: this.compiled.values };
  }

  private addAdHoc(name: string): void {
    this.flags[name] = adHocFlag(name);
    this.graph = buildGraph(this.flags);
    this.bucketed = undefined;
  }

  private install(compiled: CompiledConfig, origin: ConfigOrigin, auditSource: string | undefined): void {
    const flags = emptyRecord<CompiledFlag>();
    Object.assign(flags, compiled.flags);
    // Overrides for names the new config does not declare keep working as ad-hoc flags.
    for (const name of [...Object.keys(this.runtime), ...Object.keys(this.env)]) if (!(name in flags)) flags[name] = adHocFlag(name);
    for (const name of Object.keys(this.env)) {
      if (!(name in compiled.flags)) this.warnOnce(`${this.envVariables[name]} overrides "${name}", which the config does not declare`);
    }
    for (const exp of Object.keys(this.variantOverrides)) {
      const def = compiled.experiments[exp];
      if (!def || !def.variants.includes(this.variantOverrides[exp]!.variant)) delete this.variantOverrides[exp];
    }
    const removed = Object.keys(this.values).filter((name) => !(name in flags));
    const removedExperiments = Object.keys(this.variants).filter((name) => !(name in compiled.experiments));
    this.compiled = compiled;
    this.flags = flags;
    this.graph = buildGraph(flags);
    this.bucketed = undefined;
    // The first config establishes values rather than changing them: nothing to audit yet.
    const firstConfig = !this.hasConfig;
    this.hasConfig = true;
    this.rebuildLayers();
    const changes = this.recomputeAll();
    for (const name of removed) {
      if (this.values[name]) changes.push({ name, old: true, value: false });
      delete this.values[name];
    }
    const variantChanges = this.recomputeVariants(Object.keys(compiled.experiments));
    for (const name of removedExperiments) {
      if (this.variants[name] !== undefined) variantChanges.push({ name, old: this.variants[name], value: undefined });
      delete this.variants[name];
    }
    if (auditSource !== undefined && !firstConfig) {
      for (const c of changes) this.audit.record(c.name, c.old, c.value, auditSource);
      for (const c of variantChanges) this.audit.record(c.name, (c.old ?? null) as AuditValue, c.value ?? null, auditSource);
    }
    this.reportStatus({ ready: true, loading: false, source: origin, error: null, stale: false });
    this.publish(changes, variantChanges, removed.length > 0 || removedExperiments.length > 0);
  }

  private recomputeAll(): Change[] {
    return this.evaluateInOrder(this.graph.order);
  }

  /** Re-evaluates `names` and everything depending on them, in dependency order. */
  private recompute(names: readonly string[]): Change[] {
    return this.evaluateInOrder(this.affectedOrder(names));
  }

  /** `names` and everything depending on them, in dependency order. */
  private affectedOrder(names: readonly string[]): string[] {
    const affected = new Set<string>();
    for (const name of names) for (const n of withTransitiveDependents(name, this.graph.dependents)) affected.add(n);
    const rank = this.graph.rank;
    return [...affected].filter((n) => rank.has(n)).sort((a, b) => rank.get(a)! - rank.get(b)!);
  }

  private evaluateInOrder(ordered: readonly string[]): Change[] {
    const changes: Change[] = [];
    const values = this.values;
    const effective = (dep: string) => values[dep] === true;
    for (const name of ordered) {
      const flag = this.flags[name]!;
      const value = gate(flag, resolveRaw(flag, this.layers, this.subject), effective);
      const old = values[name];
      if (old === value) continue;
      values[name] = value;
      // A flag that appears off was already read as off (unknown names are false): not a change.
      if (old === undefined) {
        this.grew = true;
        if (!value) continue;
      }
      changes.push({ name, old: old === true, value });
    }
    return changes;
  }

  private recomputeVariants(names: readonly string[]): VariantChange[] {
    const changes: VariantChange[] = [];
    for (const name of names) {
      const exp = this.compiled.experiments[name];
      if (!exp) continue;
      const override = this.variantOverrides[name];
      const value = override ? override.variant : assignVariant(exp.seed, this.subject, exp.variants, exp.weights);
      const old = this.variants[name];
      if (old !== value) {
        this.variants[name] = value;
        changes.push({ name, old, value });
      }
    }
    return changes;
  }

  private recordCascade(changes: readonly Change[], ...direct: string[]): void {
    for (const c of changes) if (!direct.includes(c.name)) this.audit.record(c.name, c.old, c.value, "dependency");
  }

  /**
   * Bumps the version and notifies: store subscribers first, then flag-change callbacks. A flag
   * that appeared without moving (`grew`) still needs a new snapshot that lists it.
   */
  private publish(changes: readonly Change[], variantChanges: readonly VariantChange[], force = false): void {
    const grew = this.grew;
    this.grew = false;
    if (this.store.commit(changes, variantChanges, force || grew)) this.callbacks.fire(changes);
  }
}
