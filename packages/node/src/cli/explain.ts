import { createMemoryStorage, type Explanation, type FeatureFlagManager, type FlagConfig, type FlagContext, type Logger } from "@victor-flags/core";
import { installFlagdTargeting, isFlagdFlag } from "@victor-flags/core/targeting";
import { managerFromInputs, readNodeInputs, type NodeInputs } from "../create-node-manager.js";
import { didYouMean } from "../suggest.js";
import { EXIT_OK, flagOption, stringOption, UserError, type CliCommand, type CliIO } from "./command.js";

interface Layer {
  layer: "env" | "config" | "rollout" | "default";
  value: boolean | undefined;
  detail: string;
}

// The CLI evaluates flagd flags (bytes do not matter here).
installFlagdTargeting();

const onOff = (v: boolean) => (v ? "on" : "off");

/** `--context '{"country":"nl"}'`: a JSON object of context attributes. */
function parseContext(text: string | undefined): FlagContext {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`--context must be a JSON object such as '{"country":"nl","appVersion":"2.4.0"}': ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new UserError(`--context must be a JSON object of attributes, got ${text}`);
  return value as FlagContext;
}

/** The text output for a flagd flag: value, variant, flagd reason, the layer that decided and the rule trace. */
function flagdLines(name: string, e: Explanation, subject: string, context: FlagContext): string[] {
  const d = e.flagd;
  // a typed flag shows its value; a boolean one reads as ON/OFF like any flag
  const shown = d?.value !== undefined && typeof d.value !== "boolean" && e.source === "targeting" ? JSON.stringify(d.value) : e.value ? "ON" : "OFF";
  const lines = [`${name}: ${shown}`];
  if (d !== undefined) {
    lines.push(`  variant: ${d.variant ?? "(none: the caller's fallback)"}`, `  reason:  ${d.reason}${d.errorCode ? ` (${d.errorCode}: ${d.errorMessage})` : ""}`);
  }
  lines.push(`  source:  ${e.source}${e.dependency ? ` (${e.dependency} is off)` : ""}`, `  why:     ${e.reason}`, `  subject: ${subject}`, `  context: ${JSON.stringify(context)}`);
  if (d !== undefined && d.trace.length > 0) lines.push("  rule trace:", ...d.trace.map((t) => `    ${t}`));
  else if (d !== undefined) lines.push("  rule trace: (no targeting rule ran)");
  return lines;
}

/** Each resolution layer of one flag, highest first, with what it holds for this subject. */
function layersOf(name: string, config: FlagConfig, inputs: NodeInputs, e: Explanation, envRead: boolean): Layer[] {
  const def = config.flags[name]!;
  const envVar = inputs.env?.variables[name];
  const profileValue = inputs.profile?.featureFlags[name];
  const docValue = config.feature_flags?.[name];
  const layers: Layer[] = [];
  layers.push(
    envVar !== undefined
      ? { layer: "env", value: inputs.env!.overrides[name], detail: `${envVar}=${inputs.env!.env[envVar]}` }
      : { layer: "env", value: undefined, detail: envRead ? `VICTOR_FEATURE_${name.toUpperCase()} not set` : "not read (pass --env to read VICTOR_FEATURE_* variables)" },
  );
  if (profileValue !== undefined) {
    const shadowed = docValue !== undefined && docValue !== profileValue ? ` (the config's own feature_flags says ${onOff(docValue)}; the profile wins)` : "";
    layers.push({ layer: "config", value: profileValue, detail: `feature_flags.${name}: ${profileValue} in profile ${inputs.profile!.path}${shadowed}` });
  } else if (docValue !== undefined) layers.push({ layer: "config", value: docValue, detail: `feature_flags.${name}: ${docValue} in the config` });
  else layers.push({ layer: "config", value: undefined, detail: "feature_flags: not set" });
  // The SDK's own bucketing, as explain() reports it: the CLI never re-implements a layer.
  const rollout = e.layers?.rollout;
  if (rollout) {
    layers.push({ layer: "rollout", value: rollout.inside, detail: `${rollout.percentage}%: subject "${rollout.subject}" is at ${(rollout.position * 100).toFixed(2)}%, ${rollout.inside ? "inside" : "outside"}` });
  } else layers.push({ layer: "rollout", value: undefined, detail: "no rollout" });
  layers.push({ layer: "default", value: def.default, detail: `default: ${def.default}` });
  return layers;
}

/** `a is off because dependency b is off`, down to the flag that is off for its own reason. */
function dependencyChain(manager: FeatureFlagManager, e: Explanation): string[] {
  const lines: string[] = [];
  let current = e;
  const seen = new Set<string>();
  while (current.source === "dependency" && current.dependency && !seen.has(current.dependency)) {
    seen.add(current.dependency);
    const dep = manager.explain(current.dependency);
    lines.push(`${current.name} needs ${dep.name}, which is ${onOff(dep.value)}: ${dep.source === "dependency" ? `its dependency "${dep.dependency}" is off` : dep.reason}`);
    current = dep;
  }
  return lines;
}

/** `victor-flags explain <config> <flag>`: the value, the layer that decided it, and why. */
export const explainCommand: CliCommand = {
  name: "explain",
  summary: "say why a flag is on or off: value, source and reason",
  positionals: [
    { name: "config", required: true, description: "the config file" },
    { name: "flag", required: true, description: "a flag name (or an experiment name, for its variant)" },
  ],
  options: {
    user: { type: "string", short: "u", valueName: "ID", description: "evaluate for this userId (rollouts and experiments bucket by it)" },
    context: { type: "string", short: "c", valueName: "JSON", description: "evaluation context attributes as a JSON object, e.g. '{\"country\":\"nl\"}'" },
    env: { type: "boolean", description: "apply VICTOR_FEATURE_* overrides from the environment, as the app would" },
    profile: { type: "string", valueName: "PATH", description: "apply a profile's feature_flags (e.g. ~/.victor/profiles.yaml)" },
    json: { type: "boolean", description: "print the explanation as JSON" },
  },
  description:
    "Evaluates one flag the way the SDK does (env > runtime > feature_flags > rollout > default,\n" +
    "then the dependency gate) and prints its value, the layer that decided it, each layer's\n" +
    "value, and, when a dependency turned it off, the chain of dependencies down to the cause.\n" +
    "For a flagd flag: its value, variant, flagd reason (STATIC, TARGETING_MATCH, DEFAULT,\n" +
    "DISABLED, ERROR with its code) and which targeting rule branch matched and why.",
  examples: [
    "victor-flags explain flags.json self_improvement_enabled",
    "victor-flags explain flags.json new_checkout --user u-42 --env",
    `victor-flags explain flags.json beta-tester --context '{"country":"nl","appVersion":"2.4.0"}'`,
  ],
  run(args, io) {
    const [file, name] = args.positionals as [string, string];
    const user = stringOption(args, "user");
    if (user !== undefined && user.trim() === "") throw new UserError("--user must not be empty");
    const envRead = flagOption(args, "env");
    const profilePath = stringOption(args, "profile");
    const logger: Logger = { warn: (m) => io.err(`warning: ${m}`), error: (m) => io.err(`error: ${m}`) };
    const inputs = readNodeInputs({ configPath: file, profilePath: profilePath ?? false, env: envRead ? io.env : false }, logger);
    if (inputs.profile && !inputs.profile.found) logger.warn(`profile not found: ${inputs.profile.path} (nothing applied from it)`);
    const config = inputs.config!;
    const given = parseContext(stringOption(args, "context"));
    const context: FlagContext = user !== undefined ? { ...given, userId: user } : given;
    const manager = managerFromInputs(inputs, { storage: createMemoryStorage(), ...(Object.keys(context).length > 0 ? { context } : {}) }, logger);
    const subject = manager.getSubject();
    const named = user !== undefined || typeof context.userId === "string" || typeof context.targetingKey === "string";
    const subjectNote = named ? "" : " (anonymous, new on every run: pass --user ID to explain for a user)";

    if (!(name in config.flags) && config.experiments && name in config.experiments) {
      const v = manager.explainVariant(name);
      if (flagOption(args, "json")) io.out(JSON.stringify({ ...v, subject }, null, 2));
      else io.out([`${name}: variant "${v.variant}"`, `  source:  ${v.source}`, `  reason:  ${v.reason}`, `  subject: ${subject}${subjectNote}`].join("\n"));
      return EXIT_OK;
    }
    if (!(name in config.flags)) {
      const names = [...Object.keys(config.flags), ...Object.keys(config.experiments ?? {})];
      throw new UserError(`unknown flag "${name}" in ${file}${didYouMean(name, names)}; declared flags: ${Object.keys(config.flags).join(", ") || "(none)"}`);
    }

    const e = manager.explain(name);
    if (isFlagdFlag(config.flags[name])) {
      if (flagOption(args, "json")) io.out(JSON.stringify({ ...e, subject, context }, null, 2));
      else io.out(flagdLines(name, e, `${subject}${subjectNote}`, context).join("\n"));
      return EXIT_OK;
    }
    const layers = layersOf(name, config, inputs, e, envRead);
    const chain = dependencyChain(manager, e);
    const deps = (config.flags[name]!.dependencies ?? []).map((d) => `${d} (${onOff(manager.isEnabled(d))})`);
    let reason = e.reason;
    if (inputs.profile && inputs.profile.featureFlags[name] !== undefined) reason = reason.replace("config value map (feature_flags)", `profile ${inputs.profile.path} (feature_flags)`);

    if (flagOption(args, "json")) {
      io.out(JSON.stringify({ ...e, reason, subject, layers, dependencies: config.flags[name]!.dependencies ?? [], chain }, null, 2));
      return EXIT_OK;
    }
    // The highest layer that had something to say decided the raw value (before the dependency gate).
    const said = e.layers ?? { default: false };
    const winner = e.source !== "dependency" ? e.source : said.env ? "env" : said.runtime ? "runtime" : said.config !== undefined ? "config" : said.rollout ? "rollout" : "default";
    const lines = [
      `${name}: ${e.value ? "ON" : "OFF"}`,
      `  source:  ${e.source}${e.dependency ? ` (${e.dependency} is off)` : ""}`,
      `  reason:  ${reason}`,
      `  subject: ${subject}${subjectNote}`,
    ];
    if (chain.length > 0) lines.push("  why:", ...chain.map((c) => `    ${c}`));
    if (deps.length > 0) lines.push(`  depends on: ${deps.join(", ")}`);
    lines.push("  layers (highest first):");
    for (const l of layers) {
      const value = l.value === undefined ? "-  " : onOff(l.value).padEnd(3);
      lines.push(`    ${l.layer.padEnd(8)} ${value}  ${l.detail}${l.layer === winner ? (e.source === "dependency" ? "   <- resolved here, then gated by a dependency" : "   <- decides") : ""}`);
    }
    io.out(lines.join("\n"));
    return EXIT_OK;
  },
};
