// `@victor-flags/core/targeting`: typed reads (values of any JSON type) and the flagd engine for
// a light store. Importing it installs the engine in the store's slot; an app whose config has
// no flagd flags never imports it and bundles none of it (docs/targeting.md, "Loading").

import { createWarnOnce } from "./dev-warnings.js";
import { installTypedEnvLayer } from "./env-overrides.js";
import { createTypedEnvStore } from "./env-overrides-store.js";
import { subjectOfGeneration, type Generation } from "./flag-evaluation.js";
import { generationOfView, internalsOf, type FlagStore, type FlagsView } from "./flag-store.js";
import { notifyAll } from "./listeners.js";
import { consoleLogger } from "./platform.js";
import { installFlagdEngine, readDetails, readValue, type FlagValue, type FlagValueDetails } from "./flag-values.js";
import { compileFlagdDocument } from "./targeting/flagd-document.js";
import type { FlagdDocument } from "./targeting/flagd-types.js";
import type { FlagFallbackOf, FlagValueKey, FlagValueOf } from "./register.js";
import type { FlagConfig } from "./types.js";

export { isFlagdFlag } from "./targeting/flagd-structure.js";
export type { FlagValue, FlagValueDetails, FlagValueErrorCode, FlagValueReason } from "./flag-values.js";
export type { FlagdContext, FlagdDocument, FlagdFlagDefinition, FlagdMetadata } from "./targeting/flagd-types.js";

/**
 * Installs the flagd engine for every store and manager of the app: flagd flags then evaluate in
 * `isEnabled`, `getValue` and the manager's typed reads. Idempotent; the typed reads below call it.
 */
export function installFlagdTargeting(): void {
  installFlagdEngine(compileFlagdDocument);
  // `<FlagProvider env>` then reads env as the manager does: flagd keys, variants, typed values.
  installTypedEnvLayer(createTypedEnvStore);
}

installFlagdTargeting();

const warners = new WeakMap<object, (message: string) => void>();
let viewWarner: ((message: string) => void) | undefined;

/** What a typed read reads: a store (its current values) or one of its views (values frozen at one moment). */
export type FlagValueSource = FlagStore | FlagsView;

/** The generation behind a store or a view, and who hears its type-mismatch warnings. */
function readerOf(source: FlagValueSource, method: string): { g: Generation; warn: (message: string) => void } {
  const s = internalsOf(source as FlagStore);
  if (s !== undefined) {
    let warn = warners.get(source);
    if (warn === undefined) warners.set(source, (warn = createWarnOnce(s.logger)));
    return { g: s.g, warn };
  }
  // Views of either store carry their generation (undeclared `g`: flag-store.ts, generationOfView).
  const g = generationOfView(source);
  if (g === undefined) throw new TypeError(`${method}: not a store made by createFlagStore or one of its views`);
  return { g, warn: (viewWarner ??= createWarnOnce(consoleLogger)) };
}

/**
 * A flag's value when it has `fallback`'s type, else `fallback` (a type mismatch is warned about
 * once in development). Synchronous; cached until the store's context or config changes. A view
 * (`store.getView()`) answers as the store did when the view was taken (server snapshots).
 */
export function getValue<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(source: FlagValueSource, key: K, fallback: T): FlagValueOf<K, T> {
  installFlagdTargeting();
  const r = readerOf(source, "getValue");
  return readValue(r.g, key, fallback as FlagValue, r.warn) as FlagValueOf<K, T>;
}

/** `getValue` with the variant, reason (`STATIC`, `TARGETING_MATCH`, `DEFAULT`, `DISABLED`, `ERROR`), error code and flag metadata. */
export function getValueDetails<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(source: FlagValueSource, key: K, fallback: T): FlagValueDetails<FlagValueOf<K, T>> {
  installFlagdTargeting();
  const r = readerOf(source, "getValueDetails");
  return readDetails(r.g, key, fallback as FlagValue, r.warn) as FlagValueDetails<FlagValueOf<K, T>>;
}

/**
 * Tells the store's exposure listeners (`manager.onExposure`, the metrics exposure reporter) that
 * the UI showed `value` for `key`, as `useFlagValue` and `useFlagDetails` do after commit: a
 * boolean as a `flag` exposure (what `useFlag` records), any other value as a `variant` exposure
 * naming the variant served (`undefined` for an override given as a value). Records nothing when
 * `value` is not the flag's current answer: a fallback, or a value a newer one has replaced.
 */
export function recordValueExposure(store: FlagStore, key: string, value: FlagValue): void {
  const s = internalsOf(store);
  if (s === undefined || s.exposureListeners.size === 0) return;
  const shown = readDetails(s.g, key, value);
  if (shown.errorCode !== undefined || !Object.is(shown.value, value)) return;
  if (typeof value === "boolean") return store.recordExposure("flag", key);
  const event = { kind: "variant" as const, name: key, value: shown.variant, subject: subjectOfGeneration(s.g), timestamp: Date.now() };
  notifyAll(s.exposureListeners, [event], s.logger, "exposure listener");
}

/**
 * Returns the document as a `FlagConfig`, unchanged (no copy or conversion). `FlagConfig` now
 * describes flagd flags itself, so this is only needed for a value typed as the engine's `FlagdDocument`.
 */
export function flagdConfig(doc: FlagConfig | FlagdDocument): FlagConfig {
  return doc as FlagConfig;
}
