import { nextGeneration, subjectOfGeneration, variantValue, type Generation } from "./flag-evaluation.js";
import type { KeyedListeners } from "./listeners.js";
import { notifyAll } from "./listeners.js";
import type { KeyValueStorage, Logger } from "./platform.js";
import type { ConfigOrigin, ExposureEvent, FlagConfig, FlagContext, FlagsStatus } from "./types.js";
import { addListener, createStoreCore, INITIAL_STATUS, internalsOf, warnEngine, warnUnknown, type FlagStoreCore } from "./flag-store-core.js";

export { createStoreCore, generationOfView, internalsOf, viewOf, type FlagStoreCore } from "./flag-store-core.js";

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
  /** Set by an extension: runs at the end of every notification. */
  after?: (prev: Generation, kind: StoreWrite, origin: ConfigOrigin | undefined) => void;
  configChanged: boolean;
  contextChanged: boolean;
  statusChanged: boolean;
}

/** Whether applying `patch` leaves `status` as it is (same fields, same values). */
function changesNothing(status: FlagsStatus, patch: Partial<FlagsStatus>): boolean {
  const before = status as unknown as Record<string, unknown>;
  for (const key in patch) if (!(key in before) || before[key] !== (patch as Record<string, unknown>)[key]) return false;
  return true;
}

/** The methods `completeStore` adds to a store's core: what the static path does not call. */
type RestOfStore = Omit<FlagStore, keyof FlagStoreCore>;

function restOf(s: StoreInternals): RestOfStore {
  const DEV = typeof process !== "undefined" && process.env.NODE_ENV !== "production";
  const setStatus = (patch: Partial<FlagsStatus>, deferred: boolean): void => {
    if (changesNothing(s.status, patch)) return;
    s.status = Object.freeze({ ...s.status, ...patch });
    if (deferred) s.statusChanged = true;
    else notifyAll(s.statusListeners, [], s.logger, "status listener");
  };
  return {
    getSubject: () => subjectOfGeneration(s.g),
    setConfig(doc, origin = "static") {
      if (DEV) warnEngine(s, doc);
      s.configChanged = true;
      // Ready, not loading, no error, not stale: the initial status, from this origin.
      setStatus({ ...INITIAL_STATUS, source: origin }, true);
      s.write(nextGeneration(s.g, { doc }), "config", origin);
    },
    setStatus: (patch) => setStatus(patch, false),
  };
}

/**
 * Internal: adds to a store from `createStoreCore`, in place, the methods the static path does
 * not call (the subject, status writes, `setConfig`); a whole store is returned as it is. Every binding that calls one of them on a provider's store completes it first.
 */
export function completeStore(store: FlagStoreCore): FlagStore {
  // Every core comes from `createStoreCore`, which attaches the internals.
  return (store as FlagStore).setConfig ? (store as FlagStore) : Object.assign(store, restOf(internalsOf(store)!));
}

/** Creates the light store (see `FlagStore`); `extendFlagStore` adds snapshots, overrides and change observers. */
export function createFlagStore(options?: FlagStoreOptions): FlagStore {
  return createStoreCore(options, restOf) as FlagStore;
}
