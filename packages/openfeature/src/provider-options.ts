import {
  ConfigError,
  FeatureFlagManager,
  InvalidArgumentError,
  type FeatureFlagManagerOptions,
  type FlagConfig,
  type FlagContext,
} from "@victor-flags/core";
import {
  createRemoteSource,
  type RemoteSourceOptions,
} from "@victor-flags/core/remote";
import { ManagerBinding, type EventSink } from "./manager-binding.js";

/** Manager options for the `config` and `url` forms (the provider sets `config` and `context`). */
export type ProviderManagerOptions = Omit<FeatureFlagManagerOptions, "config" | "context" | "configOrigin">;

/** Serve an existing manager: the app keeps setting flags, overrides and sources on it. */
export interface ManagerProviderOptions {
  manager: FeatureFlagManager;
}

/** Serve a static config document; an invalid one makes initialization fail with `PARSE_ERROR`. */
export interface ConfigProviderOptions {
  config: FlagConfig;
  /** Options of the manager the provider builds (env overrides, storage, logger, ...). */
  managerOptions?: ProviderManagerOptions;
}

/** Serve a remote config: the options of `createRemoteSource` (docs/remote-config.md). */
export interface RemoteProviderOptions extends RemoteSourceOptions {
  /** Options of the manager the provider builds (env overrides, storage, logger, ...). */
  managerOptions?: ProviderManagerOptions;
}

/** How a victor-flags provider gets its flags: `{ manager }`, `{ config }` or `{ url, ... }`. */
export type VictorProviderOptions = ManagerProviderOptions | ConfigProviderOptions | RemoteProviderOptions;

/** The remote options without the provider's own keys. */
function remoteOptionsOf(options: RemoteProviderOptions): RemoteSourceOptions {
  const { managerOptions: _ignored, ...remote } = options;
  return remote;
}

/**
 * Builds the manager (and source) an options object describes. Only argument mistakes throw;
 * an invalid config document is kept as the failure that initialization reports.
 */
export function createBinding(options: VictorProviderOptions, events: EventSink, what: string): ManagerBinding {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${what} needs options: { manager }, { config } or { url }`);
  }
  const forms = (["manager", "config", "url"] as const).filter((key) => key in options);
  if (forms.length !== 1) {
    throw new InvalidArgumentError(`${what} takes exactly one of { manager }, { config } or { url }, got ${forms.length === 0 ? "none" : forms.join(" and ")}`);
  }
  if ("manager" in options) {
    if (!(options.manager instanceof FeatureFlagManager)) throw new InvalidArgumentError(`${what}: manager must be a FeatureFlagManager`);
    return new ManagerBinding(options.manager, events, undefined, undefined);
  }
  if ("config" in options) {
    try {
      return new ManagerBinding(new FeatureFlagManager({ ...options.managerOptions, config: options.config }), events, undefined, undefined);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return new ManagerBinding(new FeatureFlagManager({ ...options.managerOptions }), events, error, undefined);
    }
  }
  const source = createRemoteSource(remoteOptionsOf(options));
  return new ManagerBinding(new FeatureFlagManager({ ...options.managerOptions }), events, undefined, source);
}

/** Whether a context change can change what the remote source fetches (a URL or headers function). */
export function requestKeyOf(options: VictorProviderOptions): ((context: FlagContext) => string) | undefined {
  if (!("url" in options)) return undefined;
  const { url, headers } = options;
  if (typeof url !== "function" && typeof headers !== "function") return undefined;
  return (context) => {
    try {
      return JSON.stringify([typeof url === "function" ? url(context) : url, typeof headers === "function" ? headers(context) : headers]);
    } catch {
      return ""; // the source reports a throwing url() itself
    }
  };
}
