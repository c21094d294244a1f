// The reads and subscriptions of `FeatureFlagManager`: each is the store's, or a typed read over
// the store's current generation. Split out so feature-flag-manager.ts holds what the manager
// adds (override layers, audit, callbacks, exposures, explanations). Internal: users see these
// methods on `FeatureFlagManager`.
import { nextGeneration, type Generation } from "./flag-evaluation.js";
import { compileExperiments, type CompiledExperiment } from "./flag-metadata.js";
import { internalsOf, type StoreInternals } from "./flag-store.js";
import type { ExtendedFlagStore } from "./flag-store-extension.js";
import { readDetails, readValue, withFlagdContext, type FlagValue, type FlagValueDetails } from "./flag-values.js";
import type { ExperimentName, FlagFallbackOf, FlagName, FlagValueKey, FlagValueOf, VariantOf } from "./register.js";
import { emptyRecord } from "./safe-record.js";
import { copyContext, subjectOf } from "./subject.js";
import type { FlagContext, FlagsSnapshot, FlagsStatus } from "./types.js";

/** Internal: the part of `FeatureFlagManager` that reads and subscribes through its store. */
export abstract class ManagerReads {
  /** The store the manager composes (what React providers and config sources use). */
  readonly store: ExtendedFlagStore;
  /** Warns once per message, in development. */
  protected readonly warnOnce: (message: string) => void;

  protected constructor(store: ExtendedFlagStore, warnOnce: (message: string) => void) {
    this.store = store;
    this.warnOnce = warnOnce;
  }

  /** Effective value of a flag; `false` for an unknown name (warned once in development). */
  isEnabled(name: FlagName): boolean {
    return this.store.isEnabled(name);
  }

  /**
   * A flag's value when it has `fallback`'s type (flagd flags of any JSON type, Victor's boolean
   * flags), else `fallback`; a type mismatch is warned about once in development. Synchronous and
   * cached until the context or config changes.
   */
  getValue<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(key: K, fallback: T): FlagValueOf<K, T> {
    return readValue(this.generation(), key, fallback as FlagValue, this.warnOnce) as FlagValueOf<K, T>;
  }

  /** `getValue` with the variant, reason (`STATIC`, `TARGETING_MATCH`, `DEFAULT`, `DISABLED`, `ERROR`), error code and flag metadata. */
  getValueDetails<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(key: K, fallback: T): FlagValueDetails<FlagValueOf<K, T>> {
    return readDetails(this.generation(), key, fallback as FlagValue, this.warnOnce) as FlagValueDetails<FlagValueOf<K, T>>;
  }

  /**
   * `getValueDetails` for another context, without changing this manager's state (a server
   * evaluating per request). Rules see `targetingKey`, else `userId`, as the subject, and no
   * subject at all when the context names none (flagd's `fractional` then answers the default).
   */
  evaluateValue<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(key: K, fallback: T, context: FlagContext = {}): FlagValueDetails<FlagValueOf<K, T>> {
    const g = this.generationFor(context);
    const next = g.context;
    const named = typeof next.targetingKey === "string" ? next.targetingKey : subjectOf(next);
    return readDetails(withFlagdContext(g, named === undefined ? next : { ...next, targetingKey: named }), key, fallback as FlagValue, this.warnOnce) as FlagValueDetails<FlagValueOf<K, T>>;
  }

  /** A generation for another context (as the store's `viewFor`): rollouts without a `userId` use this manager's subject. */
  protected generationFor(context: FlagContext): Generation {
    const next = copyContext(context);
    return { ...nextGeneration(this.generation(), { context: next }), subject: subjectOf(next) ?? this.store.getSubject() };
  }

  /** The store's current generation (what typed reads evaluate over). */
  protected generation(): StoreInternals["g"] {
    return (internalsOf(this.store) as StoreInternals).g;
  }

  /** The variant the current subject gets in an experiment; `undefined` for an unknown experiment. */
  getVariant<E extends ExperimentName>(experiment: E): VariantOf<E> | undefined {
    return this.store.getVariant(experiment) as VariantOf<E> | undefined;
  }

  /** Every flag's effective value (a fresh object with no prototype). */
  getAllFlags(): Record<string, boolean> {
    return Object.assign(emptyRecord<boolean>(), this.store.getSnapshot().flags);
  }

  /** Every experiment's current variant (a fresh object with no prototype). */
  getAllVariants(): Record<string, string | undefined> {
    return Object.assign(emptyRecord<string | undefined>(), this.store.getSnapshot().variants);
  }

  /** Names of the declared experiments with their variants and weights. */
  getExperiments(): readonly CompiledExperiment[] {
    return compileExperiments(this.store.getConfig());
  }

  /** The variant of an experiment for another context, without changing this manager's state. */
  evaluateVariant(experiment: string, context: FlagContext = {}): string | undefined {
    return this.store.viewFor(context).getVariant(experiment);
  }

  /** The current evaluation context (a copy). */
  getContext(): FlagContext {
    return this.store.getContext();
  }

  /** The bucketing subject: the context's `userId`, else the persisted anonymous id. */
  getSubject(): string {
    return this.store.getSubject();
  }

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
    this.store.setStatus(patch);
  }

  /** Calls `listener` with the new context after each `setContext`, once values were re-bucketed. */
  onContextChange(listener: (context: FlagContext) => void): () => void {
    return this.store.onContextChange(listener);
  }

  /**
   * Reports that the UI showed a flag or variant to the current subject. Deduplicated per
   * (subject, flag, value): listeners hear each distinct exposure once.
   */
  recordExposure(kind: "flag" | "variant", name: string): void {
    this.store.recordExposure(kind, name);
  }
}
