import { createFlagStore, type FlagStore } from "./flag-store.js";

// The default manager is composed over this store (default-manager.ts). Metrics and health read
// the default through here, so an app that hands them its own store never bundles the manager.
let instance: FlagStore | undefined;

/** Internal: the store of the default manager, created empty on first use. */
export function getDefaultFlagStore(): FlagStore {
  return (instance ??= createFlagStore());
}

/** Internal: replaces (or, with `undefined`, forgets) the default store. */
export function setDefaultFlagStore(store: FlagStore | undefined): void {
  instance = store;
}
