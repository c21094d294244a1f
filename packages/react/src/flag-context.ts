import { createContext, useContext } from "react";
import { FlagsError, type FeatureFlagManagerOptions, type FlagStore, type FlagsStatus, type FlagsView } from "@victor-flags/core";

/**
 * What the nearest provider saw when it was built. During hydration, hooks read their values
 * from here (the server snapshot), so a client whose store moved on since (a remote config
 * that arrived while a Suspense boundary was still dehydrated) still matches the server HTML;
 * React then re-renders with the live value.
 */
export interface HydrationState {
  /** The store's values at build time, evaluated on demand (a frozen generation, not a copy). */
  readonly view: FlagsView;
  readonly status: FlagsStatus;
  /** Options for the manager `useFlagManager()` composes over the store, when one is asked for. */
  readonly managerOptions?: Pick<FeatureFlagManagerOptions, "env" | "logger" | "auditLogSize">;
}

/** The store of the nearest `<FlagProvider>`; it never changes identity for a provider. */
export const FlagStoreContext = createContext<FlagStore | undefined>(undefined);
FlagStoreContext.displayName = "FlagStoreContext";

/** Internal: the hydration state of the nearest `<FlagProvider>`. */
export const HydrationContext = createContext<HydrationState | undefined>(undefined);
HydrationContext.displayName = "FlagHydrationContext";

/** A victor-flags hook was called by a component that has no `<FlagProvider>` above it. */
export class FlagProviderMissingError extends FlagsError {
  /** The hook or component that was called. */
  readonly hook: string;
  constructor(hook: string) {
    super(
      "PROVIDER_MISSING",
      `${hook} must be used inside a <FlagProvider>: wrap your app in <FlagProvider config={...}> (or manager={...} / url="...")`,
    );
    this.hook = hook;
  }
}

/** Internal: the nearest provider's store and hydration state; throws naming `hook` when there is none. */
export function useProvided(hook: string): { store: FlagStore; hydration: HydrationState } {
  const store = useContext(FlagStoreContext);
  const hydration = useContext(HydrationContext);
  if (store === undefined || hydration === undefined) throw new FlagProviderMissingError(hook);
  return { store, hydration };
}
