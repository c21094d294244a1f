import type { ReactElement } from "react";
import { useProviderElement, type ConfigSourceProps, type ManagerSourceProps } from "./provider-core.js";

/** Props of `<StaticFlagProvider>`: exactly one of `manager` or `config`, plus an optional `context`. */
export type StaticFlagProviderProps = ManagerSourceProps | ConfigSourceProps;

/**
 * `<FlagProvider>` without remote loading: takes `manager` or `config` only, so an app on a
 * static config bundles none of the network code.
 */
export function StaticFlagProvider(props: StaticFlagProviderProps): ReactElement {
  return useProviderElement(props, "StaticFlagProvider", ["manager", "config"]);
}
