import { ConfigError } from "./errors.js";
import {
  experimentNames,
  firstGeneration,
  flagNames,
  flagValue,
  isKnownFlag,
  nextGeneration,
  subjectOfGeneration,
  variantValue,
  type Generation,
} from "./flag-evaluation.js";
import { KeyedListeners, notifyAll } from "./listeners.js";
import { consoleLogger, detectStorage, type KeyValueStorage, type Logger } from "./platform.js";
import { emptyRecord } from "./safe-record.js";
import { copyContext, subjectFor, subjectOf } from "./subject.js";
import type { ConfigOrigin, ExposureEvent, FlagConfig, FlagContext, FlagsSnapshot, FlagsStatus } from "./types.js";
import { validateConfig } from "./validate-config.js";

/** Options of `createFlagStore`; every one is optional. */
export interface FlagStoreOptions {
  /**
   * The config document (SPEC §2). Development builds validate it and throw a `ConfigError`;
   * production builds trust it (validate in CI with `victor-flags validate`): a bad document then
   * answers defaults, it never throws or hangs.
   */
  config?: FlagConfig;
  /** Who flags are evaluated for; `userId` is the bucketing subject. */
  context?: FlagContext;
  /** Where the anonymous subject id is kept (default: localStorage in browsers, else memory). */
  storage?: KeyValueStorage;
  /** Where warnings and listener errors go (default: console). */
  logger?: Logger;
  /** Where `config` came from, for `getStatus().source` (default "static"). */
  origin?: ConfigOrigin;
}

/** One flag whose effective value moved. */
export interface FlagChange {
  name: string;
  old: boolean;
  value: boolean;
}

/** One experiment whose variant moved. */
export interface VariantChange {
  name: string;
  old: string | undefined;
  value: string | undefined;
}

/** Why the store's values may have moved. */
export type StoreWrite = "config" | "context" | "override" | "clear";

/** What change observers hear after a write: its kind and a reader of the values before it. */
export interface StoreUpdate {
  readonly write: StoreWrite;
  /** Where the new document came from, for `write: "config"`. */
  readonly origin?: ConfigOrigin;
  /** Values as they were before the write (evaluated on demand). */
  readonly before: FlagsView;
}

/** Values frozen at one moment: later writes to the store do not change what it answers. */
export interface FlagsView {
  isEnabled(name: string): boolean;
  getVariant(experiment: string): string | undefined;
  /** Names of every flag at that moment. */
  flagNames(): string[];
  /** Names of every experiment at that moment. */
  experimentNames(): string[];
  /** The bucketing subject: the context's `userId`, else the persisted anonymous id. */
  getSubject(): string;
}

/**
 * The light core: values, per-flag and per-experiment listeners, status and context. Values
 * are computed on first read and cached until the config, context or an override changes; a
 * change re-evaluates at once only what someone listens to, and notifies only after the store
 * is consistent.
 */
export interface FlagStore extends FlagsView {
  /** An immutable picture of every value; the same object until a value changes. */
  getSnapshot(): FlagsSnapshot;
  /** The values of this moment, readable later unchanged (hydration reads from it). */
  getView(): FlagsView;
  /**
   * Values for another context, without changing the store (per-request evaluation on a server).
   * Without a `userId`, rollouts use the store's subject.
   */
  viewFor(context: FlagContext): FlagsView;
  getStatus(): FlagsStatus;
  getContext(): FlagContext;
  /** The current document (as given; treat it as read-only), or `undefined` before the first. */
  getConfig(): FlagConfig | undefined;
  /** Calls `listener` after any flag or variant value changes. */
  subscribe(listener: () => void): () => void;
  /** Calls `listener` only when this flag's effective value changes. */
  subscribeFlag(name: string, listener: () => void): () => void;
  /** Calls `listener` only when this experiment's variant changes. */
  subscribeVariant(experiment: string, listener: () => void): () => void;
  /** Calls `listener` when the status changes. */
  subscribeStatus(listener: () => void): () => void;
  /** Calls `listener` after a new config document is installed, whether or not a value moved. */
  subscribeConfig(listener: () => void): () => void;
  /** Calls `listener` after the context changed and values were re-bucketed. */
  onContextChange(listener: (context: FlagContext) => void): () => void;
  /** Calls `listener` after every write, with a reader of the values before it (for audit and callbacks). */
  onUpdate(listener: (update: StoreUpdate) => void): () => void;
  /** Replaces the context; values that move notify their listeners. */
  setContext(context: FlagContext): void;
  /** Installs a document the caller has validated (see `validateConfig`), and marks the status ready. */
  setConfig(doc: FlagConfig, origin?: ConfigOrigin): void;
  /** Merges a status patch; listeners hear about it only when a field changed. */
  setStatus(patch: Partial<FlagsStatus>): void;
  /** Sets (or, with `undefined`, removes) top-layer values: flag overrides and forced variants. */
  setOverrides(flags: Readonly<Record<string, boolean | undefined>>, variants?: Readonly<Record<string, string | undefined>>): void;
  /** Re-resolves the subject and recomputes every value (the anonymous id may have been reset). */
  refresh(): void;
  /** Runs `fn` and notifies once at the end, for every write it made together. */
  batch(fn: () => void): void;
  /** Tells exposure listeners that the UI showed this flag or variant (no-op without listeners). */
  recordExposure(kind: ExposureEvent["kind"], name: string): void;
  /** Calls `listener` for every recorded exposure (not deduplicated: see `FeatureFlagManager.onExposure`). */
  onExposure(listener: (event: ExposureEvent) => void): () => void;
  /** Listeners attached, all kinds together (leak checks). */
  listenerCount(): number;
}

const INITIAL_STATUS: FlagsStatus = Object.freeze({ ready: true, loading: false, error: null, source: "none", stale: false });

function viewOf(g: Generation): FlagsView {
  return {
    isEnabled: (name) => flagValue(g, name),
    getVariant: (experiment) => variantValue(g, experiment),
    flagNames: () => flagNames(g),
    experimentNames: () => experimentNames(g),
    getSubject: () => subjectOfGeneration(g),
  };
}

function sameRecord<V>(a: Readonly<Record<string, V>>, b: Readonly<Record<string, V>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key] || !(key in b)) return false;
  return true;
}

function sameStatus(a: FlagsStatus, b: FlagsStatus): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key of Object.keys(y)) if (x[key] !== y[key]) return false;
  return Object.keys(x).length === Object.keys(y).length;
}

/** Creates the light store (see `FlagStore`). */
export function createFlagStore(options: FlagStoreOptions = {}): FlagStore {
  // Written literally so bundlers fold it: production builds drop the validator and the warnings.
  // Read per store (not per module) so Node honours NODE_ENV as it is when the store is made;
  // `typeof process` keeps a browser without a bundler from throwing.
  const DEV = typeof process !== "undefined" && process.env.NODE_ENV !== "production";
  const logger = options.logger ?? consoleLogger;
  const storage = options.storage ?? detectStorage();
  if (DEV && options.config !== undefined) {
    const result = validateConfig(options.config);
    if (!result.valid) throw new ConfigError(result.errors);
  }
  let g = firstGeneration(options.config, options.context === undefined ? {} : copyContext(options.context), storage);
  let status: FlagsStatus = options.config === undefined ? INITIAL_STATUS : Object.freeze({ ...INITIAL_STATUS, source: options.origin ?? "static" });
  let snapshot: FlagsSnapshot | undefined;
  let snapshotOf: Generation | undefined;
  let batchStart: Generation | undefined;
  let batchWrite: StoreWrite | undefined;
  let batchOrigin: ConfigOrigin | undefined;
  let batchDepth = 0;
  let configChanged = false;
  let statusChanged = false;
  let contextChanged = false;
  const warned = DEV ? new Set<string>() : undefined;

  const all = new Set<() => void>();
  const flagListeners = new KeyedListeners<() => void>();
  const variantListeners = new KeyedListeners<() => void>();
  const statusListeners = new Set<() => void>();
  const configListeners = new Set<() => void>();
  const contextListeners = new Set<(context: FlagContext) => void>();
  const updateListeners = new Set<(update: StoreUpdate) => void>();
  const exposureListeners = new Set<(event: ExposureEvent) => void>();

  const warnUnknown = (what: string, name: string, answer: string): void => {
    if (!warned || g.doc === undefined || warned.has(what + name)) return;
    warned.add(what + name);
    logger.warn(`unknown ${what} "${String(name)}": ${what === "flag" ? "isEnabled" : "getVariant"} returns ${answer}`);
  };

  const notify = (prev: Generation, write: StoreWrite, origin: ConfigOrigin | undefined): void => {
    // A new config's status first (ready, source), as sources and bindings expect; values are
    // already in place, so a status listener that reads a flag sees the new one.
    if (statusChanged) notifyAll(statusListeners, [], logger, "status listener");
    statusChanged = false;
    let moved = false;
    // Only what someone listens to is evaluated now; the rest waits for its first read.
    for (const name of flagListeners.keys()) {
      if (flagValue(prev, name) !== flagValue(g, name)) {
        moved = true;
        notifyAll(flagListeners.get(name), [], logger, `subscriber of "${name}"`);
      }
    }
    for (const name of variantListeners.keys()) {
      if (variantValue(prev, name) !== variantValue(g, name)) {
        moved = true;
        notifyAll(variantListeners.get(name), [], logger, `subscriber of "${name}"`);
      }
    }
    if (all.size > 0 && (moved || snapshotChanged(prev))) notifyAll(all, [], logger, "store subscriber");
    if (configChanged) notifyAll(configListeners, [], logger, "config listener");
    if (contextChanged) notifyAll(contextListeners, [{ ...g.context }], logger, "context listener");
    configChanged = contextChanged = false;
    if (updateListeners.size > 0) {
      const update: StoreUpdate = { write, ...(origin !== undefined ? { origin } : {}), before: viewOf(prev) };
      notifyAll(updateListeners, [update], logger, "update listener");
    }
  };

  /** Whether any value or name differs between two generations (what `subscribe` listeners need). */
  const snapshotChanged = (prev: Generation): boolean => {
    const before = snapshotFor(prev);
    const after = snapshotFor(g);
    return !sameRecord(before.flags, after.flags) || !sameRecord(before.variants, after.variants);
  };

  const snapshotFor = (gen: Generation): { flags: Record<string, boolean>; variants: Record<string, string | undefined> } => {
    const flags = emptyRecord<boolean>();
    for (const name of flagNames(gen)) flags[name] = flagValue(gen, name);
    const variants = emptyRecord<string | undefined>();
    for (const name of experimentNames(gen)) variants[name] = variantValue(gen, name);
    return { flags, variants };
  };

  const write = (next: Generation, kind: StoreWrite, origin?: ConfigOrigin): void => {
    const prev = g;
    g = next;
    if (batchDepth > 0) {
      batchStart ??= prev;
      // A batch reports its most telling write: a config over an override over a context change.
      if (batchWrite === undefined || kind === "config" || (kind === "override" && batchWrite === "context")) {
        batchWrite = kind;
        batchOrigin = origin;
      }
      return;
    }
    notify(prev, kind, origin);
  };

  const store: FlagStore = {
    isEnabled(name) {
      // Hot path: one lookup in a null-prototype record, no allocation.
      const value = g.values[name];
      if (value !== undefined) return value;
      if (DEV && !isKnownFlag(g, name)) warnUnknown("flag", name, "false");
      return flagValue(g, name);
    },
    getVariant(experiment) {
      const variant = g.variants[experiment];
      if (variant !== undefined) return variant;
      const computed = variantValue(g, experiment);
      if (DEV && computed === undefined) warnUnknown("experiment", experiment, "undefined");
      return computed;
    },
    flagNames: () => flagNames(g),
    experimentNames: () => experimentNames(g),
    getSnapshot() {
      if (snapshot !== undefined && snapshotOf === g) return snapshot;
      const next = snapshotFor(g);
      if (snapshot === undefined || !sameRecord(snapshot.flags, next.flags) || !sameRecord(snapshot.variants, next.variants)) {
        snapshot = Object.freeze({ version: (snapshot?.version ?? 0) + 1, flags: Object.freeze(next.flags), variants: Object.freeze(next.variants) });
      }
      snapshotOf = g;
      return snapshot;
    },
    getView: () => viewOf(g),
    viewFor(context) {
      const next = copyContext(context);
      const gen = nextGeneration(g, { context: next });
      gen.subject = subjectOf(next) ?? subjectOfGeneration(g);
      return viewOf(gen);
    },
    getStatus: () => status,
    getContext: () => ({ ...g.context }),
    getSubject: () => subjectOfGeneration(g),
    getConfig: () => g.doc,
    subscribe(listener) {
      all.add(listener);
      return () => void all.delete(listener);
    },
    subscribeFlag(name, listener) {
      // Evaluated now, so the next change has a value to compare with.
      flagValue(g, name);
      return flagListeners.add(name, listener);
    },
    subscribeVariant(experiment, listener) {
      variantValue(g, experiment);
      return variantListeners.add(experiment, listener);
    },
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    subscribeConfig(listener) {
      configListeners.add(listener);
      return () => void configListeners.delete(listener);
    },
    onContextChange(listener) {
      contextListeners.add(listener);
      return () => void contextListeners.delete(listener);
    },
    onUpdate(listener) {
      updateListeners.add(listener);
      return () => void updateListeners.delete(listener);
    },
    setContext(context) {
      const next = copyContext(context);
      const subject = subjectFor(next, storage);
      contextChanged = true;
      if (g.subject === undefined || subject === g.subject) {
        // No cached value depends on another subject: every one still holds.
        write({ ...g, context: next, subject }, "context");
        return;
      }
      const gen = nextGeneration(g, { context: next });
      gen.subject = subject;
      write(gen, "context");
    },
    setConfig(doc, origin = "static") {
      configChanged = true;
      const next = Object.freeze({ ...status, ready: true, loading: false, source: origin, error: null, stale: false });
      if (!sameStatus(status, next)) statusChanged = true;
      status = next;
      write(nextGeneration(g, { doc }), "config", origin);
    },
    setStatus(patch) {
      const next = { ...status, ...patch };
      if (sameStatus(status, next)) return;
      status = Object.freeze(next);
      notifyAll(statusListeners, [], logger, "status listener");
    },
    setOverrides(flags, variants) {
      const nextFlags = Object.assign(emptyRecord<boolean>(), g.flagOverrides);
      for (const name of Object.keys(flags)) {
        const value = flags[name];
        if (value === undefined) delete nextFlags[name];
        else nextFlags[name] = value;
      }
      const nextVariants = Object.assign(emptyRecord<string>(), g.variantOverrides);
      if (variants !== undefined) {
        for (const name of Object.keys(variants)) {
          const value = variants[name];
          if (value === undefined) delete nextVariants[name];
          else nextVariants[name] = value;
        }
      }
      write(nextGeneration(g, { flagOverrides: nextFlags, variantOverrides: nextVariants }), "override");
    },
    refresh() {
      const gen = nextGeneration(g, {});
      gen.subject = subjectFor(g.context, storage);
      write(gen, "clear");
    },
    batch(fn) {
      batchDepth++;
      try {
        fn();
      } finally {
        if (--batchDepth === 0 && batchStart !== undefined) {
          const start = batchStart;
          const kind = batchWrite!;
          const origin = batchOrigin;
          batchStart = batchWrite = batchOrigin = undefined;
          notify(start, kind, origin);
        }
      }
    },
    recordExposure(kind, name) {
      if (exposureListeners.size === 0) return;
      const value = kind === "flag" ? flagValue(g, name) : variantValue(g, name);
      notifyAll(exposureListeners, [{ kind, name, value, subject: subjectOfGeneration(g), timestamp: Date.now() }], logger, "exposure listener");
    },
    onExposure(listener) {
      exposureListeners.add(listener);
      return () => void exposureListeners.delete(listener);
    },
    listenerCount: () =>
      all.size + flagListeners.count + variantListeners.count + statusListeners.size + configListeners.size + contextListeners.size + updateListeners.size + exposureListeners.size,
  };
  return store;
}
