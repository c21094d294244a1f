// The manager's env layer over a light store (`<FlagProvider config|url env>` before any
// `useFlagManager()`): the same `VICTOR_FEATURE_*` reading (flagd keys, variant names, typed
// values, the same warnings), re-read against every config the store gets, in the write that
// installs the config. Loaded only with `@victor-flags/core/targeting` (env-overrides.ts's slot).

import { createWarnOnce } from "./dev-warnings.js";
import { nextGeneration, type Generation } from "./flag-evaluation.js";
import { createFlagStore, internalsOf, type FlagStore, type FlagStoreOptions, type StoreInternals } from "./flag-store.js";
import { EnvLayer } from "./manager-env.js";
import { consoleLogger } from "./platform/logger.js";
import { emptyRecord } from "./safe-record.js";
import { mergeOverrides, type FlagOverride } from "./typed-overrides.js";

// Where managerFor keeps a store's manager (feature-flag-manager.ts): registered, so this module
// sees a manager without importing its class.
const MANAGER = Symbol.for("victor-flags.manager");

/**
 * A light store with `env` applied as the manager applies it, and again to each config it gets, until a
 * manager composed over the store (`useFlagManager()`, with the same `env`) takes the layer over:
 * it then re-reads env itself, and its runtime overrides (`setFlag`, QA) are never touched here.
 */
export function createTypedEnvStore(env: Readonly<Record<string, string | undefined>>, options: FlagStoreOptions): FlagStore {
  const store = createFlagStore(options);
  const s = internalsOf(store)!;
  const logger = options.logger ?? consoleLogger;
  const layer = new EnvLayer(logger, createWarnOnce(logger));
  layer.input = env;
  /** `g` with the env overrides read against its document: only the names whose override moved change. */
  const withEnv = (g: Generation): Generation => {
    // Without a document, which variables are typed is unknown yet: problems wait for the first one.
    const moved = layer.read(g.doc, g.doc !== undefined);
    if (g.doc !== undefined) layer.warnUndeclared(g.doc);
    if (moved.length === 0) return g;
    const patch = emptyRecord<FlagOverride | undefined>();
    for (const name of moved) patch[name] = layer.values[name];
    return nextGeneration(g, { flagOverrides: mergeOverrides(g.flagOverrides, patch) });
  };
  // Nothing listens yet: the store starts with the overrides, as with `createFlagStore`'s `overrides`.
  s.g = withEnv(s.g);
  // Every write ends in notify (a batch too): a config write swaps in its generation with env
  // applied before anyone is told, so one config arrival is one notification. Assigned from an
  // object literal, not as `s.notify = (...) => ...` (flag-store-extension.ts says why).
  const notify = s.notify;
  Object.assign(s, {
    notify(prev, kind, origin) {
      if (kind === "config" && !(MANAGER in store)) s.g = withEnv(s.g);
      notify(prev, kind, origin);
    },
  } satisfies Pick<StoreInternals, "notify">);
  return store;
}
