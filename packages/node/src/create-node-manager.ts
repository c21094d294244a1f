import { consoleLogger, FeatureFlagManager, InvalidArgumentError, type FeatureFlagManagerOptions, type FlagConfig, type Logger } from "@victor-flags/core";
import { loadConfigFile } from "./config-file.js";
import { readEnvOverrides, type EnvOverrideReport } from "./env-overrides.js";
import { formatFileProblem } from "./file-errors.js";
import { createFileStorage } from "./file-storage.js";
import { defaultProfilePath, loadProfile, type Profile } from "./profile-file.js";

/** Options of `createNodeManager`: the manager's own options plus where Node finds its inputs. */
export interface NodeManagerOptions extends Omit<FeatureFlagManagerOptions, "config" | "env"> {
  /** The config document (or give `configPath`). */
  config?: FlagConfig;
  /** A `.json` (or `.yaml`) config file, read and validated synchronously. */
  configPath?: string;
  /** The YAML profile (default `~/.victor/profiles.yaml`); `false` skips it. A missing file is fine. */
  profilePath?: string | false;
  /** Where `VICTOR_FEATURE_*` overrides are read (default `process.env`); `false` skips them. */
  env?: Readonly<Record<string, string | undefined>> | false;
  /** A JSON file that keeps the anonymous subject id across restarts (ignored when `storage` is given). */
  storagePath?: string;
}

/** Everything `createNodeManager` read, for callers that want to report on it (the CLI does). */
export interface NodeInputs {
  config: FlagConfig | undefined;
  profile: Profile | undefined;
  env: EnvOverrideReport | undefined;
}

/**
 * Returns `config` with the profile's values merged into its `feature_flags` map. The profile
 * wins over the document's own values for the same flag: it is the local, per-machine choice.
 */
export function applyProfile(config: FlagConfig, profile: Pick<Profile, "featureFlags">): FlagConfig {
  if (Object.keys(profile.featureFlags).length === 0) return config;
  return { ...config, feature_flags: { ...(config.feature_flags ?? {}), ...profile.featureFlags } };
}

/** Reads config, profile and env as `createNodeManager` does, without building a manager. */
export function readNodeInputs(options: NodeManagerOptions, logger: Logger = options.logger ?? consoleLogger): NodeInputs {
  if (options.config !== undefined && options.configPath !== undefined) throw new InvalidArgumentError("pass either config or configPath, not both");
  let config = options.config;
  if (options.configPath !== undefined) {
    const loaded = loadConfigFile(options.configPath);
    for (const w of loaded.warnings) logger.warn(formatFileProblem(options.configPath, w));
    config = loaded.document;
  }
  const profilePath = options.profilePath === undefined ? defaultProfilePath() : options.profilePath;
  const profile = profilePath === false ? undefined : loadProfile(profilePath, { ...(config ? { config } : {}), logger });
  const env = options.env === false ? undefined : readEnvOverrides(options.env ?? process.env, { ...(config ? { config } : {}), logger });
  return { config, profile, env };
}

/**
 * A `FeatureFlagManager` wired for Node: the config (object or file), the YAML profile merged
 * into its `feature_flags` layer, and `VICTOR_FEATURE_*` overrides from `process.env` on top.
 * Bad env values and undeclared names are warned about once; a malformed profile or config throws.
 */
export function createNodeManager(options: NodeManagerOptions = {}): FeatureFlagManager {
  const logger = options.logger ?? consoleLogger;
  return managerFromInputs(readNodeInputs(options, logger), options, logger);
}

/** Builds the manager from inputs `readNodeInputs` already read (and reported on). */
export function managerFromInputs(inputs: NodeInputs, options: NodeManagerOptions, logger: Logger): FeatureFlagManager {
  const { config: _c, configPath: _p, profilePath: _pp, env: _e, storagePath, ...managerOptions } = options;
  const reported = new Set(inputs.env?.warnings.filter((w) => w.kind === "undeclared").map((w) => w.variable));
  const manager = new FeatureFlagManager({
    ...managerOptions,
    ...(inputs.config ? { config: inputs.profile ? applyProfile(inputs.config, inputs.profile) : inputs.config } : {}),
    ...(inputs.env ? { env: inputs.env.env } : {}),
    ...(options.storage === undefined && storagePath !== undefined ? { storage: createFileStorage(storagePath, { logger }) } : {}),
    logger: {
      // readEnvOverrides already named each undeclared override with its value; drop the
      // manager's shorter repeat of the same warning so a log says it once.
      warn: (message) => {
        const variable = /^(\S+) overrides "[^"]*", which the config does not declare$/.exec(message)?.[1];
        if (variable === undefined || !reported.has(variable)) logger.warn(message);
      },
      error: (message, error) => logger.error(message, error),
    },
  });
  // A flagd flag's typed profile value (a variant, a text, a number) has no place in the boolean
  // `feature_flags` map: it is a runtime override with source "profile" (env still wins).
  for (const [key, typed] of Object.entries(inputs.profile?.values ?? {})) manager.setFlag(key, typed.variant ?? typed.value, { source: "profile" });
  return manager;
}
