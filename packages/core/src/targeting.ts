// `@victor-flags/core/targeting`: typed reads (values of any JSON type) and the flagd engine for
// a light store. Importing it installs the engine in the store's slot; an app whose config has
// no flagd flags never imports it and bundles none of it (docs/targeting.md, "Loading").

import { createWarnOnce } from "./dev-warnings.js";
import { internalsOf, type FlagStore } from "./flag-store.js";
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
}

installFlagdTargeting();

const warners = new WeakMap<FlagStore, (message: string) => void>();

function generationOf(store: FlagStore, method: string) {
  const s = internalsOf(store);
  if (s === undefined) throw new TypeError(`${method}: not a store made by createFlagStore`);
  return s;
}

function warnerOf(store: FlagStore, logger: Parameters<typeof createWarnOnce>[0]): (message: string) => void {
  let warn = warners.get(store);
  if (warn === undefined) warners.set(store, (warn = createWarnOnce(logger)));
  return warn;
}

/**
 * A flag's value when it has `fallback`'s type, else `fallback` (a type mismatch is warned about
 * once in development). Synchronous; cached until the store's context or config changes.
 */
export function getValue<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(store: FlagStore, key: K, fallback: T): FlagValueOf<K, T> {
  installFlagdTargeting();
  const s = generationOf(store, "getValue");
  return readValue(s.g, key, fallback as FlagValue, warnerOf(store, s.logger)) as FlagValueOf<K, T>;
}

/** `getValue` with the variant, reason (`STATIC`, `TARGETING_MATCH`, `DEFAULT`, `DISABLED`, `ERROR`), error code and flag metadata. */
export function getValueDetails<K extends FlagValueKey, T extends FlagFallbackOf<K, FlagValue>>(store: FlagStore, key: K, fallback: T): FlagValueDetails<FlagValueOf<K, T>> {
  installFlagdTargeting();
  const s = generationOf(store, "getValueDetails");
  return readDetails(s.g, key, fallback as FlagValue, warnerOf(store, s.logger)) as FlagValueDetails<FlagValueOf<K, T>>;
}

/** Types a flagd document (optionally with Victor's shapes) as a config, for `config` options; it is not copied or converted. */
export function flagdConfig(doc: FlagdDocument & Partial<Omit<FlagConfig, "flags">> & { flags: FlagdDocument["flags"] | FlagConfig["flags"] }): FlagConfig {
  return doc as unknown as FlagConfig;
}
