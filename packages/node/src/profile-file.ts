import { homedir } from "node:os";
import { join } from "node:path";
import { consoleLogger, flagKeyProblem, type FlagConfig, type FlagValueOverride, type JsonValue, type Logger } from "@victor-flags/core";
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
  /** Boolean flag values by name (merged into the config's `feature_flags` map). */
  featureFlags: Record<string, boolean>;
  /**
   * Values of flagd flags (only with a `config` that declares them) that name a variant or are
   * not booleans: `banner-text: nl`, `limits.api: 0`. `createNodeManager` sets them with `source: "profile"`.
   */
  values: Record<string, FlagValueOverride>;
  /** Entries for flags the config does not declare (only when `config` was given). */
  warnings: FileProblem[];
}

/** Options of `loadProfile`. */
export interface LoadProfileOptions {
  /** When given, a flagd flag's value is checked against its variants and type, and values for flags it does not declare are warned about. */
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
    if (error instanceof ConfigFileError && error.kind === "not-found") return { path, found: false, featureFlags: {}, values: {}, warnings: [] };
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
  const values: Record<string, FlagValueOverride> = Object.create(null) as Record<string, FlagValueOverride>;
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
          const nameProblem = flagKeyProblem(key);
          if (nameProblem !== undefined) {
            problems.push({ path: at, message: nameProblem, ...where(keyNode) });
            continue;
          }
          const variants = flagdVariants(options.config, key);
          if (variants !== undefined) {
            const valueNode = pair.value as Node | null;
            const typed = flagdValueOf(variants, valueNode, doc);
            if (typed === undefined) problems.push({ path: at, message: `${flagdChoices(key, variants)}, got ${describeNode(valueNode)}`, ...where(valueNode ?? keyNode) });
            else if (typeof typed === "boolean") featureFlags[key] = typed;
            else values[key] = typed;
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
  return { path, found: true, featureFlags: { ...featureFlags }, values: { ...values }, warnings };
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

type Variants = Readonly<Record<string, JsonValue>>;

/** The variants of `key` when the config declares it as a flagd flag (`state` or `variants`). */
function flagdVariants(config: FlagConfig | undefined, key: string): Variants | undefined {
  const flags = config?.flags as Record<string, unknown> | undefined;
  const def = flags !== undefined && Object.prototype.hasOwnProperty.call(flags, key) ? flags[key] : undefined;
  if (typeof def !== "object" || def === null || !("state" in def || "variants" in def)) return undefined;
  const variants = (def as { variants?: unknown }).variants;
  return typeof variants === "object" && variants !== null && !Array.isArray(variants) ? (variants as Variants) : {};
}

const jsonType = (value: unknown): string => (value === null ? "null" : typeof value === "object" ? "object" : typeof value);

function variantTypes(variants: Variants): string[] {
  return [...new Set(Object.values(variants).map(jsonType))].filter((t) => t !== "null");
}

/** A flagd flag's profile value: a variant name, or a value of the flag's type (a boolean stays a plain boolean). */
function flagdValueOf(variants: Variants, node: Node | null, doc: Parameters<Node["toJS"]>[0]): FlagValueOverride | boolean | undefined {
  if (isScalar(node) && typeof node.value === "string" && Object.prototype.hasOwnProperty.call(variants, node.value)) {
    const value = variants[node.value];
    return value === null || value === undefined ? undefined : { value: value as FlagValueOverride["value"], variant: node.value };
  }
  const bool = booleanOf(node);
  const value: unknown = bool ?? (node === null ? null : node.toJS(doc));
  const type = jsonType(value);
  if (type === "null" || (type === "number" && !Number.isFinite(value)) || !variantTypes(variants).includes(type)) return undefined;
  return typeof value === "boolean" ? value : { value: value as FlagValueOverride["value"], variant: undefined };
}

function flagdChoices(key: string, variants: Variants): string {
  const types = variantTypes(variants);
  return `must name a variant of flag "${key}" (variants: ${Object.keys(variants).join(", ") || "none"})${types.length > 0 ? ` or be a ${types.join(" or ")} value` : ""}`;
}
