import { homedir } from "node:os";
import { join } from "node:path";
import { consoleLogger, flagNameProblem, type FlagConfig, type Logger } from "@victor-flags/core";
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import { readTextFile } from "./config-file.js";
import { ConfigFileError, formatFileProblem, ProfileError, type FileProblem } from "./file-errors.js";
import { yamlSyntaxProblems } from "./source-location.js";
import { didYouMean } from "./suggest.js";

/** `~/.victor/profiles.yaml`, resolved against the current home directory. */
export function defaultProfilePath(): string {
  return join(homedir(), ".victor", "profiles.yaml");
}

/** The `feature_flags:` map of a profile file. */
export interface Profile {
  /** The file that was read (or looked for). */
  path: string;
  /** False when the file does not exist, which is not an error. */
  found: boolean;
  /** Flag values by name. */
  featureFlags: Record<string, boolean>;
  /** Entries for flags the config does not declare (only when `config` was given). */
  warnings: FileProblem[];
}

/** Options of `loadProfile`. */
export interface LoadProfileOptions {
  /** When given, values for flags it does not declare are warned about. */
  config?: FlagConfig;
  /** Where warnings go (default: console); `false` only returns them. */
  logger?: Logger | false;
}

// Unquoted words PyYAML (YAML 1.1) reads as booleans. Accepting them keeps profiles written for
// the original Python tool working, without YAML 1.1's other surprises (a key `n` becoming false).
const YAML11_TRUE = new Set(["yes", "Yes", "YES", "on", "On", "ON"]);
const YAML11_FALSE = new Set(["no", "No", "NO", "off", "Off", "OFF"]);

/**
 * Reads the `feature_flags:` map of a YAML profile (default `~/.victor/profiles.yaml`). A missing
 * file is not an error (an empty profile); malformed YAML or a value that is not a boolean
 * throws a `ProfileError` naming the file, line and column.
 */
export function loadProfile(path: string = defaultProfilePath(), options: LoadProfileOptions = {}): Profile {
  let text: string;
  try {
    text = readTextFile(path, "profile not found", (kind, problem, cause) =>
      kind === "not-found" ? new ConfigFileError(path, kind, [problem], { cause }) : new ProfileError(path, kind, [problem], { cause }),
    );
  } catch (error) {
    if (error instanceof ConfigFileError && error.kind === "not-found") return { path, found: false, featureFlags: {}, warnings: [] };
    throw error;
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    throw new ProfileError(path, "syntax", yamlSyntaxProblems(doc.errors, lineCounter));
  }

  const featureFlags: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  const problems: FileProblem[] = [];
  const root = doc.contents;
  // An empty file, or one without `feature_flags:`, is an empty profile.
  if (root !== null && !(isScalar(root) && root.value === null)) {
    if (!isMap(root)) throw new ProfileError(path, "invalid", [{ path: "", message: "must be a YAML mapping with a `feature_flags:` key", ...where(root) }]);
    const section = root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "feature_flags");
    const map = section?.value as Node | null | undefined;
    if (section && map && !(isScalar(map) && map.value === null)) {
      if (!isMap(map)) {
        problems.push({ path: "feature_flags", message: "must be a mapping of flag names to true/false", ...where(map) });
      } else {
        for (const pair of map.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
          const keyNode = pair.key as Node | null;
          if (key === undefined) {
            problems.push({ path: "feature_flags", message: "keys must be flag names", ...where(keyNode) });
            continue;
          }
          const at = `feature_flags.${key}`;
          const nameProblem = flagNameProblem(key);
          if (nameProblem !== undefined) {
            problems.push({ path: at, message: nameProblem, ...where(keyNode) });
            continue;
          }
          const value = booleanOf(pair.value as Node | null);
          if (value === undefined) {
            const valueNode = pair.value as Node | null;
            const quoted = isScalar(valueNode) && typeof valueNode.value === "string" && valueNode.type !== "PLAIN" && /^(true|false|yes|no|on|off)$/i.test(valueNode.value);
            const hint = quoted ? " (quoted, so it is text: remove the quotes)" : "";
            const empty = valueNode === null || (isScalar(valueNode) && valueNode.value === null);
            problems.push({ path: at, message: `must be true or false, got ${describeNode(valueNode)}${hint}`, ...where(empty ? keyNode : valueNode) });
            continue;
          }
          featureFlags[key] = value;
        }
      }
    }
  }
  if (problems.length > 0) throw new ProfileError(path, "invalid", problems);

  const warnings: FileProblem[] = [];
  if (options.config) {
    const declared = Object.keys(options.config.flags);
    for (const name of Object.keys(featureFlags)) {
      if (declared.includes(name)) continue;
      const section = isMap(root) ? root.get("feature_flags", true) : undefined;
      const node = isMap(section) ? (section.items.find((p) => isScalar(p.key) && p.key.value === name)?.key as Node | undefined) : undefined;
      warnings.push({ path: `feature_flags.${name}`, message: `value for undeclared flag "${name}" is ignored${didYouMean(name, declared)}`, ...where(node) });
    }
  }
  const logger = options.logger === undefined ? consoleLogger : options.logger;
  if (logger) for (const w of warnings) logger.warn(formatFileProblem(path, w));
  return { path, found: true, featureFlags: { ...featureFlags }, warnings };
}

function booleanOf(node: Node | null): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === "boolean") return node.value;
  if (node.type === "PLAIN" && typeof node.value === "string") {
    if (YAML11_TRUE.has(node.value)) return true;
    if (YAML11_FALSE.has(node.value)) return false;
  }
  return undefined;
}

function describeNode(node: Node | null): string {
  if (node === null || (isScalar(node) && node.value === null)) return "an empty value";
  if (isMap(node)) return "a mapping";
  if (!isScalar(node)) return "a list";
  const v = node.value;
  return typeof v === "string" ? `"${v}"` : `${typeof v} ${String(v)}`;
}
