import type { ReactElement } from "react";
import { useProviderElement, type ConfigSourceProps, type ManagerSourceProps } from "./provider-core.js";

/** Props of `<StaticFlagProvider>`: exactly one of `manager` or `config`, plus an optional `context` (no `env`: that is `<FlagProvider>`'s). */
export type StaticFlagProviderProps = ManagerSourceProps | (ConfigSourceProps & { env?: never });

/**
 * `<FlagProvider>` without remote loading, env overrides or QA overrides: takes `manager` or
 * `config` only, so an app on a static config bundles the light store and nothing else.
 */
export function StaticFlagProvider(props: StaticFlagProviderProps): ReactElement {
  return useProviderElement(props, "StaticFlagProvider", ["manager", "config"]);
}
