import { firstGeneration, flagdHook, flagValue, missingEngineWarning, isKnownFlag, nextGeneration, subjectOfGeneration, variantValue, type Generation } from "./flag-evaluation.js";
import { KeyedListeners, notifyAll } from "./listeners.js";
import { consoleLogger, detectStorage, type Logger } from "./platform.js";
import { copyContext, subjectFor } from "./subject.js";
import type { FlagConfig, FlagsStatus } from "./types.js";
import type { FlagStore, FlagStoreOptions, FlagsView, StoreInternals } from "./flag-store.js";
import { assertValidConfig } from "./assert-config.js";

// The part of a store that `<StaticFlagProvider>` and its hooks call. A bundler keeps every
// method of an object literal a function returns, so the methods only the manager and sources
// call (`setConfig`, `setStatus`, `getSubject`) come from `restOf` (flag-store.ts): through
// `createFlagStore`, in the same literal; for a provider's core, through `completeStore`.

/** Internal: what `createStoreCore` returns; `completeStore` makes it a whole `FlagStore`. */
export type FlagStoreCore = Omit<FlagStore, "getSubject" | "setConfig" | "setStatus">;

// Kept on the store under a registered symbol rather than in a module-level map, so that any
// copy of the extending modules (a lazily loaded chunk, a second copy of the package) finds it.
const INTERNALS = Symbol.for("victor-flags.store");

/** Internal: the state behind a store made by `createFlagStore` (or its core), or `undefined`. */
export function internalsOf(store: FlagStoreCore): StoreInternals | undefined {
  return (store as unknown as Record<symbol, StoreInternals | undefined>)[INTERNALS];
}

/** Internal: the status of a store without a config, and (with its source) after `setConfig`. */
export const INITIAL_STATUS: FlagsStatus = Object.freeze({ ready: true, loading: false, error: null, source: "none", stale: false });

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

// Development only (production builds drop every caller): what each store has warned about, kept
// beside it rather than in a closure, so the methods `completeStore` adds later share it.
const devWarnings = new WeakMap<StoreInternals, Set<string>>();
const ENGINE_WARNING = "\0engine";

function warnedOf(s: StoreInternals): Set<string> {
  let warned = devWarnings.get(s);
  if (warned === undefined) devWarnings.set(s, (warned = new Set()));
  return warned;
}

/** Internal, development only: warns once per store about a name the document does not declare. */
export function warnUnknown(s: StoreInternals, message: string): void {
  const warned = warnedOf(s);
  if (s.g.doc === undefined || warned.has(message)) return;
  warned.add(message);
  s.logger.warn(message);
}

/** Internal, development only: warns once per store about flagd flags without the engine installed. */
export function warnEngine(s: StoreInternals, doc: FlagConfig | undefined): void {
  const warned = warnedOf(s);
  const message = warned.has(ENGINE_WARNING) ? undefined : missingEngineWarning(doc);
  if (message === undefined) return;
  warned.add(ENGINE_WARNING);
  s.logger.warn(message);
}

/** Internal: adds `listener` to `set`; the returned function removes it. */
export function addListener<L>(set: Set<L>, listener: L): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

/**
 * Internal: the light store with only the methods the static path calls (see `FlagStoreCore`),
 * and all of its internals, so `completeStore` can add the rest in place. `more` gives the rest
 * at once (`createFlagStore`).
 */
export function createStoreCore(options: FlagStoreOptions = {}, more?: (s: StoreInternals) => Pick<FlagStore, "getSubject" | "setConfig" | "setStatus">): FlagStoreCore {
  // Written literally so bundlers fold it: production builds drop the validator and warnings.
  // Read per store so Node honours NODE_ENV as it is now; `typeof` keeps bundler-less browsers safe.
  const DEV = typeof process !== "undefined" && process.env.NODE_ENV !== "production";
  const logger: Logger = options.logger ?? consoleLogger;
  const storage = options.storage ?? detectStorage();
  const config = options.config;
  if (DEV && config !== undefined) assertValidConfig(config);
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
  if (DEV) warnEngine(s, config);

  const rest = more?.(s);
  const store = {
    isEnabled(name) {
      // Hot path: one lookup in a null-prototype record, no allocation.
      const value = s.g.values[name];
      if (!DEV || value !== undefined) return value ?? flagValue(s.g, name);
      const computed = flagValue(s.g, name);
      // Development only: an off answer may be an unknown name (a second look at the document).
      if (DEV && !computed && !isKnownFlag(s.g, name)) warnUnknown(s, `unknown flag "${String(name)}": isEnabled returns false`);
      return computed;
    },
    getVariant(experiment) {
      const variant = s.g.variants[experiment] ?? variantValue(s.g, experiment);
      if (DEV && variant === undefined) warnUnknown(s, `unknown experiment "${String(experiment)}": getVariant returns undefined`);
      return variant;
    },
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
    subscribeStatus: (listener) => addListener(s.statusListeners, listener),
    onContextChange: (listener) => addListener(s.contextListeners, listener),
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
    recordExposure(kind, name) {
      if (s.exposureListeners.size === 0) return;
      const value = kind === "flag" ? flagValue(s.g, name) : variantValue(s.g, name);
      listeners(s.exposureListeners, "exposure listener", [{ kind, name, value, subject: subjectOfGeneration(s.g), timestamp: Date.now() }]);
    },
    // Keys of the literal even without `more`: a store whose methods are added after creation
    // (19 out-of-object properties once `extendFlagStore` adds its own) falls into V8's
    // dictionary mode, and a manager's reads then take ~45 % longer.
    getSubject: rest?.getSubject,
    setConfig: rest?.setConfig,
    setStatus: rest?.setStatus,
  } as FlagStoreCore;
  Object.defineProperty(store, INTERNALS, { value: s });
  return store;
}
