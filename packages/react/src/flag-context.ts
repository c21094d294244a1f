import { createContext, useContext } from "react";
import { FlagsError, type FeatureFlagManager, type FlagsSnapshot, type FlagsStatus } from "@victor-flags/core";

/**
 * What the nearest provider saw when it was built. During hydration, hooks read their values
 * from here (the server snapshot), so a client whose manager moved on since (a remote config
 * that arrived while a Suspense boundary was still dehydrated) still matches the server HTML;
 * React then re-renders with the live value.
 */
export interface HydrationState {
  readonly snapshot: FlagsSnapshot;
  readonly status: FlagsStatus;
}

/** The manager of the nearest `<FlagProvider>`; the value is the manager itself, so it never changes identity. */
export const FlagManagerContext = createContext<FeatureFlagManager | undefined>(undefined);
FlagManagerContext.displayName = "FlagManagerContext";

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

/** Internal: the nearest provider's manager and hydration state; throws naming `hook` when there is none. */
export function useProvided(hook: string): { manager: FeatureFlagManager; hydration: HydrationState } {
  const manager = useContext(FlagManagerContext);
  const hydration = useContext(HydrationContext);
  if (manager === undefined || hydration === undefined) throw new FlagProviderMissingError(hook);
  return { manager, hydration };
}

/** The `FeatureFlagManager` of the nearest `<FlagProvider>` (for writes such as `setFlag`, or `explain`). */
export function useFlagManager(): FeatureFlagManager {
  const manager = useContext(FlagManagerContext);
  if (manager === undefined) throw new FlagProviderMissingError("useFlagManager()");
  return manager;
}
