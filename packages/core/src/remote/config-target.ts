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

/** The target behind a store, or a `FeatureFlagManager` adapted to it (loadConfig, reportStatus). */
export function toTarget(x: ConfigTarget | FeatureFlagManager): ConfigTarget {
  if (typeof (x as Partial<ConfigTarget>).setConfig === "function") return x as ConfigTarget;
  const m = x as FeatureFlagManager;
  return {
    getContext: () => m.getContext(),
    onContextChange: (listener) => m.onContextChange(listener),
    setConfig: (doc, origin) => m.loadConfig(doc, { origin }),
    getStatus: () => m.getStatus(),
    setStatus: (patch) => m.reportStatus(patch),
  };
}
