import { validateConfig, type FlagConfig } from "@victor-flags/core";
import { installFlagdTargeting } from "@victor-flags/core/targeting";

// The CLI checks flagd rules too (faults inside one flag's rules are warnings; --strict fails on them).
installFlagdTargeting();
import { readConfigFile } from "../config-file.js";
import { readEnvOverrides } from "../env-overrides.js";
import { ConfigFileError, formatFileProblem, locatedProblem, type FileProblem } from "../file-errors.js";
import { loadProfile } from "../profile-file.js";
import { EXIT_ERROR, EXIT_OK, flagOption, stringOption, type CliCommand } from "./command.js";

interface Finding {
  severity: "error" | "warning";
  /** The file (or `env`) the problem is in. */
  source: string;
  problem: FileProblem;
}

function format(f: Finding): string {
  const text = f.source === "env" ? `env: ${f.problem.message}` : formatFileProblem(f.source, f.problem);
  return `  ${f.severity === "error" ? "error  " : "warning"} ${text}`;
}

/** `victor-flags validate <config>`: every problem with its path and position; exit 1 on any error (and with `--strict`, on any warning). */
export const validateCommand: CliCommand = {
  name: "validate",
  summary: "check a config file and list every problem with its path",
  positionals: [{ name: "config", required: true, description: "the config file (.json, or .yaml/.yml)" }],
  options: {
    profile: { type: "string", valueName: "PATH", description: "also check a profile file (its feature_flags: map)" },
    env: { type: "boolean", description: "also check VICTOR_FEATURE_* variables in the environment" },
    strict: { type: "boolean", description: "fail (exit 1) on warnings too: rule faults in flagd flags, unknown keys, ..." },
    json: { type: "boolean", description: "print the result as JSON" },
  },
  description:
    "Checks a flag config against the schema: types, names, rollout percentages, experiment\n" +
    "weights, unknown dependencies and dependency cycles. Prints every error and warning with\n" +
    "its path and file:line:column. Warnings (a fault inside one flagd flag's rules, which\n" +
    "makes that flag answer its fallback while the rest loads; an ignored key) fail the\n" +
    "command only with --strict, for CI.",
  examples: ["victor-flags validate flags.json", "victor-flags validate flags.json --strict", "victor-flags validate flags.json --env --profile ~/.victor/profiles.yaml"],
  run(args, io) {
    const file = args.positionals[0]!;
    const findings: Finding[] = [];
    let flagCount = 0;
    let config: FlagConfig | undefined;
    try {
      const parsed = readConfigFile(file);
      const result = validateConfig(parsed.document);
      for (const e of result.errors) findings.push({ severity: "error", source: file, problem: locatedProblem(e, parsed.locate(e.path)) });
      for (const w of result.warnings) findings.push({ severity: "warning", source: file, problem: locatedProblem(w, parsed.locate(w.path)) });
      if (result.valid) {
        config = parsed.document as FlagConfig;
        flagCount = Object.keys(config.flags).length;
      }
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      for (const p of error.problems) findings.push({ severity: "error", source: file, problem: p });
    }

    const profilePath = stringOption(args, "profile");
    if (profilePath !== undefined) {
      try {
        const profile = loadProfile(profilePath, { ...(config ? { config } : {}), logger: false });
        if (!profile.found) findings.push({ severity: "warning", source: profilePath, problem: { path: "", message: "profile not found (an absent profile is allowed)" } });
        for (const w of profile.warnings) findings.push({ severity: "warning", source: profilePath, problem: w });
      } catch (error) {
        if (!(error instanceof ConfigFileError)) throw error;
        for (const p of error.problems) findings.push({ severity: "error", source: profilePath, problem: p });
      }
    }

    if (flagOption(args, "env")) {
      const report = readEnvOverrides(io.env, { ...(config ? { config } : {}), logger: false });
      for (const w of report.warnings) {
        // A value that is not a boolean would silently do nothing in the app: an error here.
        const severity = w.kind === "invalid-value" || w.kind === "invalid-name" ? "error" : "warning";
        findings.push({ severity, source: "env", problem: { path: w.variable, message: w.message } });
      }
    }

    const errors = findings.filter((f) => f.severity === "error");
    const warnings = findings.filter((f) => f.severity === "warning");
    const strict = flagOption(args, "strict");
    const failed = errors.length > 0 || (strict && warnings.length > 0);
    if (flagOption(args, "json")) {
      const list = (fs: Finding[]) => fs.map((f) => ({ file: f.source, ...f.problem }));
      io.out(JSON.stringify({ file, valid: errors.length === 0, ...(strict ? { strict, passed: !failed } : {}), errors: list(errors), warnings: list(warnings) }, null, 2));
    } else {
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
      const head =
        errors.length === 0
          ? `${file}: valid (${plural(flagCount, "flag")})${warnings.length ? `, ${plural(warnings.length, "warning")}` : ""}`
          : `${file}: invalid, ${plural(errors.length, "error")}${warnings.length ? `, ${plural(warnings.length, "warning")}` : ""}`;
      const strictNote = strict && errors.length === 0 && warnings.length > 0 ? " (--strict: warnings fail)" : "";
      io.out([head + strictNote, ...errors.map(format), ...warnings.map(format)].join("\n"));
    }
    return failed ? EXIT_ERROR : EXIT_OK;
  },
};
