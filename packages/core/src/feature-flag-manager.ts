import { AuditLog } from "./audit-log.js";
import { ManagerReads } from "./manager-reads.js";
import { EnvLayer } from "./manager-env.js";
import { createWarnOnce } from "./dev-warnings.js";
import { DependencyError, InvalidArgumentError } from "./errors.js";
import { ruleOf, type Generation } from "./flag-evaluation.js";
import { MetadataCache, compileExperiment } from "./flag-metadata.js";
import { createFlagStore, type FlagStore, type FlagsView } from "./flag-store.js";
import type { FlagValue } from "./flag-values.js";
import { extendFlagStore, type StoreUpdate } from "./flag-store-extension.js";
import { ExposureLog } from "./exposure-log.js";
import { countListeners, KeyedListeners } from "./listeners.js";
import { auditFlagChanges, auditVariantChanges, fireFlagCallbacks, forgetDroppedVariants, recordState, stateOf } from "./manager-changes.js";
import { explainLayers, explainVariantOf, type RuntimeEntry } from "./manager-explain.js";
import { checkName, checkSource, type FeatureFlagManagerOptions, type FlagCallback, type LoadConfigOptions, type SetFlagOptions, type Evaluation, type VariantOverride } from "./manager-options.js";
import { consoleLogger, type Logger } from "./platform.js";
import { emptyRecord, hasOwn } from "./safe-record.js";
import { flagdVariantsOf, overrideFromValue, sameOverride, type FlagOverride } from "./typed-overrides.js";
import type { ExperimentName, FlagName, VariantOf } from "./register.js";
import type {
  AuditEntry,
  Explanation,
  ExposureEvent,
  FlagContext,
  FlagMetadata,
  VariantExplanation,
} from "./types.js";
import { assertValidConfig } from "./validate-config.js";

// On the store under a registered symbol, so every copy of this module finds the same manager.
const MANAGER = Symbol.for("victor-flags.manager");

/**
 * The manager composed over a store: the one it was built with, or a new one that takes the
 * store over (a provider built from `config` or `url`, then asked for `useFlagManager()`).
 */
export function managerFor(store: FlagStore, options: Pick<FeatureFlagManagerOptions, "env" | "logger" | "auditLogSize"> = {}): FeatureFlagManager {
  return (store as unknown as Record<symbol, FeatureFlagManager | undefined>)[MANAGER] ?? new FeatureFlagManager({ ...options, store } as FeatureFlagManagerOptions);
}

/**
 * The manager API over a `FlagStore`: env and runtime override layers, forced variants, the
 * audit log, change callbacks, deduplicated exposures and explanations. The store keeps values
 * and listeners; the manager decides what the top layer says and records who said it.
 */
export class FeatureFlagManager extends ManagerReads {
  private readonly logger: Logger;
  private readonly audit: AuditLog;
  /** The env layer: overrides by name, and the variable each came from. */
  private readonly env: EnvLayer;
  private readonly runtime = emptyRecord<RuntimeEntry>();
  private readonly variantOverrides = emptyRecord<VariantOverride>();
  private readonly callbacks = new KeyedListeners<FlagCallback>();
  private readonly metadata = new MetadataCache();
  private exposures: ExposureLog | undefined;
  private hasConfig: boolean;
  /** `auditSource` of the `loadConfig` in progress. */
  private loading: string | undefined;

  constructor(options: FeatureFlagManagerOptions = {}) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) throw new InvalidArgumentError("FeatureFlagManager options must be an object");
    const given = (options as { store?: FlagStore }).store;
    const logger = options.logger ?? consoleLogger;
    const audit = new AuditLog(options.auditLogSize);
    if (options.config !== undefined) assertValidConfig(options.config);
    super(extendFlagStore(given ?? createFlagStore({ context: options.context, storage: options.storage, logger })), createWarnOnce(logger));
    this.logger = logger;
    this.audit = audit;
    this.env = new EnvLayer(logger, this.warnOnce);
    Object.defineProperty(this.store, MANAGER, { value: this, configurable: true });
    if (options.env !== undefined) {
      if (typeof options.env !== "object" || options.env === null) throw new InvalidArgumentError("env must be a record of strings");
      this.env.input = options.env;
      this.env.read(options.config ?? this.store.getConfig());
      if (Object.keys(this.env.values).length > 0) this.store.setOverrides(this.env.values);
    }
    if (options.config !== undefined) {
      this.store.setConfig(options.config, options.configOrigin ?? "static");
      this.env.warnUndeclared(this.store.getConfig());
    }
    this.hasConfig = this.store.getConfig() !== undefined;
    this.store.onUpdate((update) => this.afterUpdate(update));
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** The definition of a flag, including dependencies and metadata; `undefined` when unknown. */
  getFlagMetadata(name: string): FlagMetadata | undefined {
    if (typeof name !== "string") return undefined;
    return this.metadata.get(this.store.getConfig(), name, hasOwn(this.env.values, name) || hasOwn(this.runtime, name));
  }

  /** Which layer decided a flag's value, and why (with what every layer said). */
  explain(name: string): Explanation {
    return explainLayers(this.store, this.env, this.runtime, String(name), this.store, this.generation());
  }

  /** How the current variant of an experiment was chosen. */
  explainVariant(experiment: string): VariantExplanation {
    return explainVariantOf(this.store, experiment, this.variantOverrides[experiment]);
  }

  /**
   * Evaluates a flag for another context without changing this manager's state (the server's
   * per-request evaluation). Without a `userId`, rollouts use this manager's subject.
   */
  evaluate(name: string, context: FlagContext = {}): Evaluation {
    return explainLayers(this.store, this.env, this.runtime, String(name), this.store.viewFor(context), this.generationFor(context));
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Sets a runtime override. A Victor (or undeclared) flag takes a boolean: enabling one whose
   * dependencies are off throws a `DependencyError` and changes nothing, and an undeclared name
   * becomes an ad-hoc flag. A flagd flag takes a variant name (`setFlag("banner-text", "nl")`) or
   * a value of its type; anything else throws an `InvalidArgumentError` naming its variants.
   */
  setFlag(name: FlagName, value: FlagValue, options: SetFlagOptions = {}): void {
    checkName(name, "flag name");
    const variants = flagdVariantsOf(this.store.getConfig(), name);
    let override: FlagOverride;
    if (variants !== undefined) override = overrideFromValue(name, variants, value);
    else if (typeof value !== "boolean") throw new InvalidArgumentError(`setFlag("${name}", value): value must be a boolean, got ${JSON.stringify(value) ?? typeof value}`);
    else override = value;
    const source = options.source ?? "runtime";
    checkSource(source, `setFlag("${name}")`);
    const rule = ruleOf(this.store.getConfig(), name);
    if (override === true && rule) {
      const unmet = rule.dependencies.filter((dep) => !this.store.isEnabled(dep));
      if (unmet.length > 0) throw new DependencyError(name, unmet);
    }
    const previous = this.runtime[name];
    if (previous && sameOverride(previous.override, override) && previous.source === source) return;
    if (this.env.values[name] !== undefined) {
      this.logger.warn(`setFlag("${name}") is shadowed by ${this.env.variables[name]}; the runtime value applies once the environment override is removed`);
    }
    const before = this.store.getView();
    const old = stateOf(before, name);
    this.runtime[name] = Object.freeze({ override, source });
    this.pushOverrides([name]);
    // The value set, even when an env override shadows it (the audit says what was asked for).
    recordState(this.audit, name, old, typeof override === "boolean" ? { value: override, variant: undefined } : override, source);
    auditFlagChanges(this.audit, before, this.store, [name], "dependency");
  }

  /** Drops the runtime override of a flag, so the lower layers decide again. */
  resetFlag(name: string): void {
    if (typeof name !== "string" || !hasOwn(this.runtime, name)) return;
    const before = this.store.getView();
    delete this.runtime[name];
    this.pushOverrides([name]);
    recordState(this.audit, name, stateOf(before, name), stateOf(this.store.getView(), name), "reset");
    auditFlagChanges(this.audit, before, this.store, [name], "dependency");
  }

  /** Drops every runtime flag and variant override. */
  resetAll(): void {
    const names = Object.keys(this.runtime);
    const experiments = Object.keys(this.variantOverrides);
    if (names.length === 0 && experiments.length === 0) return;
    const before = this.store.getView();
    for (const name of names) delete this.runtime[name];
    for (const exp of experiments) delete this.variantOverrides[exp];
    this.pushOverrides(names, experiments);
    const after = this.store.getView();
    for (const name of names) recordState(this.audit, name, stateOf(before, name), stateOf(after, name), "reset");
    auditVariantChanges(this.audit, before, this.store, "reset", experiments);
    auditFlagChanges(this.audit, before, this.store, names, "dependency");
  }

  /** Forces a variant of a declared experiment (QA, devtools, tests). */
  setVariant<E extends ExperimentName>(experiment: E, variant: VariantOf<E>, options: SetFlagOptions = {}): void {
    checkName(experiment, "experiment name");
    const exp = compileExperiment(this.store.getConfig(), experiment);
    if (!exp) throw new InvalidArgumentError(`unknown experiment "${experiment}"`);
    if (!exp.variants.includes(variant)) throw new InvalidArgumentError(`experiment "${experiment}" has no variant "${variant}" (variants: ${exp.variants.join(", ")})`);
    const source = options.source ?? "runtime";
    checkSource(source, `setVariant("${experiment}")`);
    const old = this.store.getVariant(experiment);
    this.variantOverrides[experiment] = Object.freeze({ variant, source });
    this.pushOverrides([], [experiment]);
    this.audit.record(experiment, old ?? null, variant, source);
  }

  /** Drops a forced variant, so bucketing decides again. */
  resetVariant(experiment: string): void {
    if (typeof experiment !== "string" || !hasOwn(this.variantOverrides, experiment)) return;
    const old = this.store.getVariant(experiment);
    delete this.variantOverrides[experiment];
    this.pushOverrides([], [experiment]);
    this.audit.record(experiment, old ?? null, this.store.getVariant(experiment) ?? null, "reset");
  }

  /**
   * Replaces the evaluation context. Flags and variants are re-bucketed for the new subject and
   * only those whose value moved notify.
   */
  setContext(context: FlagContext): void {
    this.store.setContext(context);
  }

  /**
   * Replaces the config with a new document when it is valid; an invalid one throws a
   * `ConfigError` and the current config stays. Runtime and env overrides survive.
   */
  loadConfig(doc: unknown, options: LoadConfigOptions = {}): void {
    assertValidConfig(doc);
    const origin = options.origin ?? "static";
    this.loading = options.auditSource ?? (origin === "network" ? "remote" : "config");
    try {
      this.store.setConfig(doc, origin);
    } finally {
      this.loading = undefined;
    }
  }

  /**
   * Re-evaluates every flag and variant from its layers and forgets which exposures were
   * already reported. Values that moved notify as usual.
   */
  clearCache(): void {
    this.exposures?.reset();
    this.store.refresh();
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
    // Evaluated now, so the next update has a value to compare with.
    if (name !== "*") this.store.isEnabled(name);
    return this.callbacks.add(name, callback);
  }

  // ---- store contract (what the React package builds on) ---------------------------------------

  /** Listeners and callbacks currently attached (to check that unmounting leaks nothing); the manager's own hook is not counted. */
  listenerCount(): number {
    return this.store.listenerCount() - 1 - (this.exposures ? 1 : 0) + countListeners(this.callbacks) + (this.exposures?.count ?? 0);
  }

  // ---- exposures ------------------------------------------------------------------------------

  /** Calls `listener` for each distinct exposure; the returned function unsubscribes. */
  onExposure(listener: (event: ExposureEvent) => void): () => void {
    if (this.exposures === undefined) {
      const log = (this.exposures = new ExposureLog(this.logger));
      this.store.onExposure((e) => log.record(e.kind, e.name, e.value, e.subject));
    }
    return this.exposures.listen(listener);
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Hands the store the top layer for `names`: env wins over runtime. */
  private pushOverrides(names: readonly string[], experiments: readonly string[] = []): void {
    const flags = emptyRecord<FlagOverride | undefined>();
    for (const name of names) flags[name] = this.env.values[name] ?? this.runtime[name]?.override;
    const variants = emptyRecord<string | undefined>();
    for (const exp of experiments) variants[exp] = this.variantOverrides[exp]?.variant;
    this.store.setOverrides(flags, variants);
  }

  private afterUpdate(update: StoreUpdate): void {
    if (update.write === "config") this.afterConfig(update);
    if (countListeners(this.callbacks) > 0) fireFlagCallbacks(this.callbacks, this.logger, update.before, this.store);
  }

  private afterConfig(update: StoreUpdate): void {
    const dropped = forgetDroppedVariants(this.variantOverrides, this.store.getConfig());
    // Env variables name keys and variants of the document: a new one may map them differently.
    const envMoved = this.env.read(this.store.getConfig());
    if (dropped.length > 0 || envMoved.length > 0) this.pushOverrides(envMoved, dropped);
    this.env.warnUndeclared(this.store.getConfig());
    // The first config establishes values rather than changing them: nothing to audit yet.
    const first = !this.hasConfig;
    this.hasConfig = true;
    if (first) return;
    const source = this.loading ?? (update.origin === "network" ? "remote" : "config");
    auditFlagChanges(this.audit, update.before, this.store, [], source);
    auditVariantChanges(this.audit, update.before, this.store, source);
  }
}
