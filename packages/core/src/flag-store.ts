import { firstGeneration, flagdHook, flagValue, missingEngineWarning, isKnownFlag, nextGeneration, subjectOfGeneration, variantValue, type Generation } from "./flag-evaluation.js";
import { KeyedListeners, notifyAll } from "./listeners.js";
import { consoleLogger, detectStorage, type KeyValueStorage, type Logger } from "./platform.js";
import { copyContext, subjectFor } from "./subject.js";
import type { ConfigOrigin, ExposureEvent, FlagConfig, FlagContext, FlagsStatus } from "./types.js";
import { assertValidConfig } from "./assert-config.js";

/** Options of `createFlagStore`; every one is optional. */
export interface FlagStoreOptions {
  /**
   * The config document (see "The config document" in the README). Development builds validate it and throw a `ConfigError`;
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
  /** Top-layer flag values from the start (env overrides; see `parseEnvOverrides`). */
  overrides?: Readonly<Record<string, boolean>>;
}

/** Why the store's values may have moved. */
export type StoreWrite = "config" | "context" | "override" | "clear";

/** Values frozen at one moment: later writes to the store do not change what it answers. */
export interface FlagsView {
  isEnabled(name: string): boolean;
  getVariant(experiment: string): string | undefined;
  /** The bucketing subject: the context's `userId`, else the persisted anonymous id. */
  getSubject(): string;
}

/**
 * The light core: values, per-flag and per-experiment listeners, status and context. Values are
 * computed on first read and cached until the config, context or an override changes; a change
 * re-evaluates at once only what someone listens to, and notifies only once the store is
 * consistent. `extendFlagStore` adds what the manager and devtools need.
 */
export interface FlagStore extends FlagsView {
  /** The values of this moment, readable later unchanged (hydration reads from it). */
  getView(): FlagsView;
  getStatus(): FlagsStatus;
  getContext(): FlagContext;
  /** Calls `listener` only when this flag's effective value changes. */
  subscribeFlag(name: string, listener: () => void): () => void;
  /** Calls `listener` only when this experiment's variant changes. */
  subscribeVariant(experiment: string, listener: () => void): () => void;
  /** Calls `listener` when the status changes. */
  subscribeStatus(listener: () => void): () => void;
  /** Calls `listener` after the context changed and values were re-bucketed. */
  onContextChange(listener: (context: FlagContext) => void): () => void;
  /** Replaces the context; values that move notify their listeners. */
  setContext(context: FlagContext): void;
  /** Installs a document the caller has validated (see `validateConfig`) and marks the status ready. */
  setConfig(doc: FlagConfig, origin?: ConfigOrigin): void;
  /** Merges a status patch; listeners hear about it only when a field changed. */
  setStatus(patch: Partial<FlagsStatus>): void;
  /** Tells exposure listeners that the UI showed this flag or variant (a no-op without listeners). */
  recordExposure(kind: ExposureEvent["kind"], name: string): void;
}

/** Internal: a store's state, for the modules that extend it (see flag-store-extension.ts). */
export interface StoreInternals {
  g: Generation;
  status: FlagsStatus;
  readonly logger: Logger;
  readonly storage: KeyValueStorage;
  readonly flagListeners: KeyedListeners<() => void>;
  readonly variantListeners: KeyedListeners<() => void>;
  readonly statusListeners: Set<() => void>;
  readonly contextListeners: Set<(context: FlagContext) => void>;
  readonly exposureListeners: Set<(event: ExposureEvent) => void>;
  /** Makes `next` current and notifies (an extension may defer it, to batch). */
  write(next: Generation, kind: StoreWrite, origin?: ConfigOrigin): void;
  /** Notifies what moved between `prev` and the current generation. */
  notify(prev: Generation, kind: StoreWrite, origin?: ConfigOrigin): void;
  /**
   * Set by an extension: runs at the end of every notification. Extensions replace `write`,
   * `notify` and `after` with closures made in an object literal, never with a function literal
   * assigned straight to the property (flag-store-extension.ts says why: V8 pretenures those).
   */
  after?: (prev: Generation, kind: StoreWrite, origin: ConfigOrigin | undefined) => void;
  configChanged: boolean;
  contextChanged: boolean;
  statusChanged: boolean;
}

// Kept on the store under a registered symbol rather than in a module-level map, so that any
// copy of the extending modules (a lazily loaded chunk, a second copy of the package) finds it.
const INTERNALS = Symbol.for("victor-flags.store");

/** Internal: the state behind a store made by `createFlagStore`, or `undefined`. */
export function internalsOf(store: FlagStore): StoreInternals | undefined {
  return (store as unknown as Record<symbol, StoreInternals | undefined>)[INTERNALS];
}

const INITIAL_STATUS: FlagsStatus = Object.freeze({ ready: true, loading: false, error: null, source: "none", stale: false });

/** A reader of one generation. */
export function viewOf(g: Generation): FlagsView {
  return {
    isEnabled: (name) => flagValue(g, name),
    getVariant: (experiment) => variantValue(g, experiment),
    getSubject: () => subjectOfGeneration(g),
    // Undeclared: typed reads of a view (`@victor-flags/core/targeting`) find its generation here.
    g,
  } as FlagsView;
}

/** Internal: the generation a view from `getView()` (either store's) or `StoreUpdate.before` reads. */
export function generationOfView(view: FlagsView): Generation | undefined {
  return (view as { g?: Generation }).g;
}

/** Whether applying `patch` leaves `status` as it is (same fields, same values). */
function changesNothing(status: FlagsStatus, patch: Partial<FlagsStatus>): boolean {
  const before = status as unknown as Record<string, unknown>;
  for (const key in patch) if (!(key in before) || before[key] !== (patch as Record<string, unknown>)[key]) return false;
  return true;
}

/** Creates the light store (see `FlagStore`); `extendFlagStore` adds snapshots, overrides and change observers. */
export function createFlagStore(options: FlagStoreOptions = {}): FlagStore {
  // Written literally so bundlers fold it: production builds drop the validator and warnings.
  // Read per store so Node honours NODE_ENV as it is now; `typeof` keeps bundler-less browsers safe.
  const DEV = typeof process !== "undefined" && process.env.NODE_ENV !== "production";
  const logger = options.logger ?? consoleLogger;
  const storage = options.storage ?? detectStorage();
  const config = options.config;
  if (DEV && config !== undefined) assertValidConfig(config);
  let engineWarned = false;
  const warnEngine = (doc: FlagConfig | undefined): void => {
    const message = engineWarned ? undefined : missingEngineWarning(doc);
    if (message === undefined) return;
    engineWarned = true;
    logger.warn(message);
  };
  if (DEV) warnEngine(config);
  const warned = new Set<string>();
  const warnUnknown = (message: string): void => {
    if (s.g.doc === undefined || warned.has(message)) return;
    warned.add(message);
    logger.warn(message);
  };
  const listeners = <L>(set: ReadonlySet<L>, what: string, args: unknown[] = []) => notifyAll(set as ReadonlySet<(...a: unknown[]) => void>, args, logger, what);

  const s: StoreInternals = {
    g: firstGeneration(config, options.context === undefined ? {} : copyContext(options.context), storage, options.overrides),
    status: config === undefined ? INITIAL_STATUS : Object.freeze({ ...INITIAL_STATUS, source: options.origin ?? "static" }),
    logger,
    storage,
    flagListeners: new KeyedListeners(),
    variantListeners: new KeyedListeners(),
    statusListeners: new Set(),
    contextListeners: new Set(),
    exposureListeners: new Set(),
    configChanged: false,
    contextChanged: false,
    statusChanged: false,
    write(next, kind, origin) {
      const prev = s.g;
      s.g = next;
      s.notify(prev, kind, origin);
    },
    notify(prev, kind, origin) {
      const g = s.g;
      // A new config's status first (ready, source), as sources and bindings expect; the values
      // are in place already, so a status listener that reads a flag sees the new one.
      if (s.statusChanged) listeners(s.statusListeners, "status listener");
      // Only what someone listens to is evaluated now; everything else waits for its first read.
      for (const name of s.flagListeners.keys()) {
        if (flagValue(prev, name) !== flagValue(g, name) || flagdHook?.moved(prev, g, name)) listeners(s.flagListeners.get(name), `subscriber of "${name}"`);
      }
      for (const name of s.variantListeners.keys()) {
        if (variantValue(prev, name) !== variantValue(g, name)) listeners(s.variantListeners.get(name), `subscriber of "${name}"`);
      }
      if (s.contextChanged) listeners(s.contextListeners, "context listener", [{ ...g.context }]);
      s.statusChanged = s.contextChanged = false;
      s.after?.(prev, kind, origin);
      s.configChanged = false;
    },
  };

  const setStatus = (patch: Partial<FlagsStatus>, deferred: boolean): void => {
    if (changesNothing(s.status, patch)) return;
    s.status = Object.freeze({ ...s.status, ...patch });
    if (deferred) s.statusChanged = true;
    else listeners(s.statusListeners, "status listener");
  };

  const store: FlagStore = {
    isEnabled(name) {
      // Hot path: one lookup in a null-prototype record, no allocation.
      const value = s.g.values[name];
      if (!DEV || value !== undefined) return value ?? flagValue(s.g, name);
      const computed = flagValue(s.g, name);
      // Development only: an off answer may be an unknown name (a second look at the document).
      if (DEV && !computed && !isKnownFlag(s.g, name)) warnUnknown(`unknown flag "${String(name)}": isEnabled returns false`);
      return computed;
    },
    getVariant(experiment) {
      const variant = s.g.variants[experiment] ?? variantValue(s.g, experiment);
      if (DEV && variant === undefined) warnUnknown(`unknown experiment "${String(experiment)}": getVariant returns undefined`);
      return variant;
    },
    getSubject: () => subjectOfGeneration(s.g),
    getView: () => viewOf(s.g),
    getStatus: () => s.status,
    getContext: () => ({ ...s.g.context }),
    subscribeFlag(name, listener) {
      // Evaluated now, so the next change has a value to compare with.
      flagValue(s.g, name);
      return s.flagListeners.add(name, listener);
    },
    subscribeVariant(experiment, listener) {
      variantValue(s.g, experiment);
      return s.variantListeners.add(experiment, listener);
    },
    subscribeStatus: (listener) => add(s.statusListeners, listener),
    onContextChange: (listener) => add(s.contextListeners, listener),
    setContext(context) {
      const next = copyContext(context);
      const subject = subjectFor(next, storage);
      const g = s.g;
      s.contextChanged = true;
      // No cached value depends on another subject: every one still holds — unless flagd rules,
      // which read any attribute, may be in play.
      if ((g.subject === undefined || subject === g.subject) && !flagdHook) s.write({ ...g, context: next, subject }, "context");
      else s.write({ ...nextGeneration(g, { context: next }), subject }, "context");
    },
    setConfig(doc, origin = "static") {
      if (DEV) warnEngine(doc);
      s.configChanged = true;
      // Ready, not loading, no error, not stale: the initial status, from this origin.
      setStatus({ ...INITIAL_STATUS, source: origin }, true);
      s.write(nextGeneration(s.g, { doc }), "config", origin);
    },
    setStatus: (patch) => setStatus(patch, false),
    recordExposure(kind, name) {
      if (s.exposureListeners.size === 0) return;
      const value = kind === "flag" ? flagValue(s.g, name) : variantValue(s.g, name);
      listeners(s.exposureListeners, "exposure listener", [{ kind, name, value, subject: subjectOfGeneration(s.g), timestamp: Date.now() }]);
    },
  };
  Object.defineProperty(store, INTERNALS, { value: s });
  return store;
}

function add<L>(set: Set<L>, listener: L): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}
