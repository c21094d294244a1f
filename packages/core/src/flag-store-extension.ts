import { experimentNames, flagNames, flagValue, nextGeneration, subjectOfGeneration, variantValue, type Generation } from "./flag-evaluation.js";
import { countListeners, notifyAll } from "./listeners.js";
import { emptyRecord } from "./safe-record.js";
import { copyContext, subjectFor, subjectOf } from "./subject.js";
import { internalsOf, viewOf, type FlagStore, type FlagsView, type StoreInternals, type StoreWrite } from "./flag-store.js";
import { mergeOverrides, type FlagOverride } from "./typed-overrides.js";
import type { ConfigOrigin, ExposureEvent, FlagConfig, FlagContext, FlagsSnapshot } from "./types.js";

// What the manager, devtools and bindings of whole snapshots need beyond the light store: a
// module of its own, attached on demand, so an app on a static config and `useFlag` bundles none
// of it.

/** A view that also lists the names it knows. */
export interface ListedFlagsView extends FlagsView {
  /** Names of every flag: declared ones, then ad-hoc ones. */
  flagNames(): string[];
  /** Names of every declared experiment. */
  experimentNames(): string[];
}

/** What change observers hear after a write: its kind and a reader of the values before it. */
export interface StoreUpdate {
  readonly write: StoreWrite;
  /** Where the new document came from, for `write: "config"`. */
  readonly origin?: ConfigOrigin;
  /** Values as they were before the write (evaluated on demand). */
  readonly before: ListedFlagsView;
}

function listedViewOf(g: Generation): ListedFlagsView {
  // Written out rather than spread from viewOf: a spread made this the hottest line of a context change.
  // `g` (undeclared, as on viewOf's views) lets typed reads and the manager's diffs find the generation.
  return {
    g,
    isEnabled: (name) => flagValue(g, name),
    getVariant: (experiment) => variantValue(g, experiment),
    getSubject: () => subjectOfGeneration(g),
    flagNames: () => flagNames(g),
    experimentNames: () => experimentNames(g),
  } as ListedFlagsView;
}

/** The store with everything `extendFlagStore` adds. */
export interface ExtendedFlagStore extends FlagStore, ListedFlagsView {
  /** The values of this moment, readable later unchanged, with their names. */
  getView(): ListedFlagsView;
  /** An immutable picture of every value; the same object until a value changes. */
  getSnapshot(): FlagsSnapshot;
  /** Values for another context, without changing the store (per-request evaluation on a server); without a `userId`, rollouts use the store's subject. */
  viewFor(context: FlagContext): FlagsView;
  /** The current document (as given; treat it as read-only), or `undefined` before the first. */
  getConfig(): FlagConfig | undefined;
  /** Calls `listener` after any flag or variant value changes. */
  subscribe(listener: () => void): () => void;
  /** Calls `listener` after a new config document is installed, whether or not a value moved. */
  subscribeConfig(listener: () => void): () => void;
  /** Calls `listener` after every write, with a reader of the values before it (audit, callbacks). */
  onUpdate(listener: (update: StoreUpdate) => void): () => void;
  /** Calls `listener` for every recorded exposure (not deduplicated: see `FeatureFlagManager.onExposure`). */
  onExposure(listener: (event: ExposureEvent) => void): () => void;
  /** Sets (or, with `undefined`, removes) top-layer values: flag overrides (typed values for flagd flags) and forced variants. */
  setOverrides(flags: Readonly<Record<string, FlagOverride | undefined>>, variants?: Readonly<Record<string, string | undefined>>): void;
  /** Re-resolves the subject and recomputes every value (the anonymous id may have been reset). */
  refresh(): void;
  /** Runs `fn` and notifies once at the end, for every write it made. */
  batch(fn: () => void): void;
  /** Listeners attached, all kinds together (leak checks). */
  listenerCount(): number;
}

type Values = { flags: Record<string, boolean>; variants: Record<string, string | undefined> };

function valuesOf(g: Generation): Values {
  const flags = emptyRecord<boolean>();
  for (const name of flagNames(g)) flags[name] = flagValue(g, name);
  const variants = emptyRecord<string | undefined>();
  for (const name of experimentNames(g)) variants[name] = variantValue(g, name);
  return { flags, variants };
}

function sameRecord<V>(a: Readonly<Record<string, V>>, b: Readonly<Record<string, V>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key] || !(key in b)) return false;
  return true;
}

const sameValues = (a: Values, b: Values): boolean => sameRecord(a.flags, b.flags) && sameRecord(a.variants, b.variants);

function add<L>(set: Set<L>, listener: L): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

/** Adds snapshots, overrides, batching and change observers to a store, in place (once). */
export function extendFlagStore(store: FlagStore): ExtendedFlagStore {
  if ("getSnapshot" in store) return store as ExtendedFlagStore;
  const s = internalsOf(store);
  if (s === undefined) throw new TypeError("extendFlagStore: not a store made by createFlagStore");
  const all = new Set<() => void>();
  const configListeners = new Set<() => void>();
  const updateListeners = new Set<(update: StoreUpdate) => void>();
  let snapshot: FlagsSnapshot | undefined;
  let snapshotOf: Generation | undefined;
  let batchDepth = 0;
  let batchStart: Generation | undefined;
  let batchKind: StoreWrite | undefined;
  let batchOrigin: ConfigOrigin | undefined;

  const logger = s.logger;
  const coreWrite = s.write;
  // Written in an object literal and assigned from there, never as `s.write = (...) => ...`: V8's
  // parser allocates a function literal assigned straight to a property in the old generation (it
  // takes it for a long-lived method), so its context and the generation it reaches survive the
  // scavenges, and allocation-site pretenuring follows. A server building a manager per request
  // then kept every request's values until a full GC (bench/store-churn.bench.mjs).
  Object.assign(s, {
    write(next, kind, origin) {
      if (batchDepth === 0) return coreWrite(next, kind, origin);
      batchStart ??= s.g;
      s.g = next;
      // A batch reports its most telling write: a config over an override over a context change.
      if (batchKind === undefined || kind === "config" || (kind === "override" && batchKind === "context")) {
        batchKind = kind;
        batchOrigin = origin;
      }
    },
    after(prev, kind, origin) {
      // Whole-store subscribers need to know whether anything moved: that evaluates everything.
      if (all.size > 0 && !sameValues(valuesOf(prev), valuesOf(s.g))) notifyAll(all, [], logger, "store subscriber");
      if (s.configChanged) notifyAll(configListeners, [], logger, "config listener");
      if (updateListeners.size > 0) {
        const update: StoreUpdate = { write: kind, ...(origin !== undefined ? { origin } : {}), before: listedViewOf(prev) };
        notifyAll(updateListeners, [update], logger, "update listener");
      }
    },
  } satisfies Required<Pick<StoreInternals, "write" | "after">>);

  const extension: Omit<ExtendedFlagStore, Exclude<keyof FlagStore, "getView">> = {
    getView: () => listedViewOf(s.g),
    flagNames: () => flagNames(s.g),
    experimentNames: () => experimentNames(s.g),
    getSnapshot() {
      if (snapshot !== undefined && snapshotOf === s.g) return snapshot;
      const next = valuesOf(s.g);
      if (snapshot === undefined || !sameValues(snapshot as unknown as Values, next)) {
        snapshot = Object.freeze({ version: (snapshot?.version ?? 0) + 1, flags: Object.freeze(next.flags), variants: Object.freeze(next.variants) });
      }
      snapshotOf = s.g;
      return snapshot;
    },
    viewFor(context) {
      const next = copyContext(context);
      return viewOf({ ...nextGeneration(s.g, { context: next }), subject: subjectOf(next) ?? store.getSubject() });
    },
    getConfig: () => s.g.doc,
    subscribe: (listener) => add(all, listener),
    subscribeConfig: (listener) => add(configListeners, listener),
    onUpdate: (listener) => add(updateListeners, listener),
    onExposure: (listener) => add(s.exposureListeners, listener),
    setOverrides(flags, variants = {}) {
      const g = s.g;
      const nextFlags = mergeOverrides(g.flagOverrides, flags);
      const nextVariants = Object.assign(emptyRecord<string>(), g.variantOverrides);
      for (const name of Object.keys(variants)) {
        const variant = variants[name];
        if (variant === undefined) delete nextVariants[name];
        else nextVariants[name] = variant;
      }
      s.write(nextGeneration(g, { flagOverrides: nextFlags, variantOverrides: nextVariants }), "override");
    },
    refresh() {
      s.write({ ...nextGeneration(s.g, {}), subject: subjectFor(s.g.context, s.storage) }, "clear");
    },
    batch(fn) {
      batchDepth++;
      try {
        fn();
      } finally {
        if (--batchDepth === 0 && batchStart !== undefined) {
          const start = batchStart;
          const kind = batchKind!;
          const origin = batchOrigin;
          batchStart = batchKind = batchOrigin = undefined;
          s.notify(start, kind, origin);
        }
      }
    },
    listenerCount: () =>
      all.size + countListeners(s.flagListeners) + countListeners(s.variantListeners) + s.statusListeners.size + configListeners.size + s.contextListeners.size + updateListeners.size + s.exposureListeners.size,
  };
  return Object.assign(store, extension);
}
