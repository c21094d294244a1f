export { VictorWebProvider } from "./web-provider.js";
export type { VictorWebProviderOptions } from "./web-provider.js";
export { VictorServerProvider } from "./server-provider.js";
export type { VictorServerProviderOptions } from "./server-provider.js";
export type {
  VictorProviderOptions,
  ManagerProviderOptions,
  ConfigProviderOptions,
  RemoteProviderOptions,
  ProviderManagerOptions,
} from "./provider-options.js";
export { toFlagContext } from "./evaluation-context.js";
export type { OpenFeatureContext } from "./evaluation-context.js";
