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

/** What the nearest `<FlagProvider>` provides: its store (never replaced) and its hydration state. */
export interface Provided {
  readonly store: FlagStore;
  readonly hydration: HydrationState;
}

/**
 * Internal: one context for both, so a hook reads the provider with one `useContext`. The value
 * changes identity only when the provider's store does (an app swapping the manager it passes).
 */
export const ProviderContext = createContext<Provided | undefined>(undefined);
ProviderContext.displayName = "VictorFlagsContext";

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
export function useProvided(hook: string): Provided {
  const provided = useContext(ProviderContext);
  if (provided === undefined) throw new FlagProviderMissingError(hook);
  return provided;
}
