import type { FeatureFlagManager } from "../feature-flag-manager.js";
import type { ConfigOrigin, FlagConfig, FlagContext, FlagsStatus } from "../types.js";

/** What a config source uses of the store it feeds (the light core's `FlagStore` implements it). */
export interface ConfigTarget {
  getContext(): FlagContext;
  /** Called after the context changed and values were re-bucketed. */
  onContextChange(listener: (context: FlagContext) => void): () => void;
  /** Installs a document the CALLER has already validated. */
  setConfig(doc: FlagConfig, origin: ConfigOrigin): void;
  getStatus(): FlagsStatus;
  setStatus(patch: Partial<FlagsStatus>): void;
}

/** The target behind a store or a `FeatureFlagManager` (which hands over the store it composes). */
export function toTarget(x: ConfigTarget | FeatureFlagManager): ConfigTarget {
  return (x as Partial<FeatureFlagManager>).store ?? (x as ConfigTarget);
}
