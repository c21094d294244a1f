// QA overrides: force flags and variants from the page URL (`?vf=a:on,exp:treatment_a`) or a
// localStorage key, for manual QA and end-to-end tests. Off unless the app calls this (or sets
// `qaOverrides` on its provider), because a URL must never be able to change production
// behaviour by accident. Overrides go through the manager's public setters, so dependency rules
// hold and every change is in `explain()` and the audit log with `source: "qa"`.

import { topologicalOrder } from "./dependency-graph.js";
import type { FeatureFlagManager } from "./feature-flag-manager.js";
import { parseEnvBoolean } from "./env-overrides.js";
import { flagdOverrideFromText, flagdTextChoices } from "./env-overrides-typed.js";
import { consoleLogger, detectStorage, type KeyValueStorage, type Logger } from "./platform.js";
import { QA_PARAM, QA_STORAGE_KEY, parseQaOverrides, qaTextProblem, type QaEntry } from "./qa-syntax.js";
import { emptyRecord, hasOwn } from "./safe-record.js";
import { flagdVariantsOf } from "./typed-overrides.js";

/** Options of `applyQaOverrides`. */
export interface QaOverrideOptions {
  /** The query string to read (default: `location.search` when the host has one). */
  search?: string;
  /** The search parameter (default `"vf"`). */
  param?: string;
  /** Where the stored overrides are read (default: localStorage when available); `null` skips storage. */
  storage?: KeyValueStorage | null;
  /** The storage key (default `"victor-flags:qa"`). */
  storageKey?: string;
  /** When true, overrides from the URL are also written to storage so they survive navigation; `?vf=` with no value clears it. */
  persist?: boolean;
  /** `source` recorded in the audit log and `explain()` (default `"qa"`). */
  source?: string;
  /** Where refused or unknown overrides are reported (default: console). */
  logger?: Logger;
  /** Called with the full report once names that waited for a loading config were applied. */
  onReport?: (report: QaOverrideReport) => void;
}

/** Where an override was read from. */
export type QaOrigin = "url" | "storage";

/** An override that took effect. */
export interface AppliedQaOverride {
  kind: "flag" | "variant";
  name: string;
  value: boolean | string;
  from: QaOrigin;
}

/** Why an override did not take effect. */
export type QaProblemReason = "unknown-name" | "invalid-value" | "unknown-variant" | "refused" | "shadowed" | "too-large";

/** An override that was not applied (or is hidden by a higher layer), with the reason. */
export interface QaOverrideProblem {
  /** The entry as written, e.g. `self_improvement_enabled:on` (for `too-large`, the start of the whole text). */
  entry: string;
  /** The flag or experiment name (empty for `too-large`, which concerns a whole source). */
  name: string;
  from: QaOrigin;
  reason: QaProblemReason;
  message: string;
}

/** What `applyQaOverrides` did. */
export interface QaOverrideReport {
  applied: AppliedQaOverride[];
  problems: QaOverrideProblem[];
  /** True while some names wait for a config that is still loading; they apply when it is ready, and `onReport` gets the full report. */
  pending: boolean;
  /** Stops a pending application (no-op otherwise). */
  cancel(): void;
}

interface Sourced extends QaEntry {
  from: QaOrigin;
}

/**
 * Reads both sources; a URL entry replaces a stored one for the same name. A source over the
 * limits of docs/limits.md is not read at all and comes back as one `too-large` problem.
 */
function collect(options: QaOverrideOptions, storage: KeyValueStorage | null, logger: Logger): { entries: Sourced[]; unread: QaOverrideProblem[] } {
  const key = options.storageKey ?? QA_STORAGE_KEY;
  const params = new URLSearchParams(options.search ?? (globalThis as { location?: { search?: string } }).location?.search ?? "");
  const param = options.param ?? QA_PARAM;
  const fromUrl = params.has(param) ? params.getAll(param).join(",") : null;
  const unread: QaOverrideProblem[] = [];
  const readable = (text: string | null, from: QaOrigin): string => {
    if (text === null) return "";
    const problem = qaTextProblem(text);
    if (problem === undefined) return text;
    unread.push({ entry: text.length > 40 ? `${text.slice(0, 40)}…` : text, name: "", from, reason: "too-large", message: `${problem}; none of its entries is applied` });
    return "";
  };
  const url = readable(fromUrl, "url");
  const urlUnread = unread.length > 0;
  let stored: string | null = null;
  try {
    // With persist, the URL replaces what was stored (an empty ?vf= clears it); else storage is read.
    if (options.persist && fromUrl !== null) {
      // a URL over the limits is not stored either
      if (!urlUnread) fromUrl.trim() ? storage?.setItem(key, fromUrl) : storage?.removeItem(key);
    } else stored = storage?.getItem(key) ?? null;
  } catch (error) {
    logger.warn(`QA overrides: storage key "${key}" is not usable: ${String(error)}`);
  }
  const byName = new Map<string, Sourced>();
  for (const entry of parseQaOverrides(readable(stored, "storage"))) byName.set(entry.name, { ...entry, from: "storage" });
  for (const entry of parseQaOverrides(url)) {
    byName.delete(entry.name); // re-insert so the URL's order is kept for reports
    byName.set(entry.name, { ...entry, from: "url" });
  }
  return { entries: [...byName.values()], unread };
}

/** The listed flags ordered so each comes after its dependencies (transitively), whatever order they were written in. */
function dependencyOrder(manager: FeatureFlagManager, names: ReadonlySet<string>): string[] {
  const deps = emptyRecord<readonly string[]>();
  for (const name of Object.keys(manager.getAllFlags())) deps[name] = manager.getFlagMetadata(name)?.dependencies ?? [];
  return topologicalOrder(deps).filter((name) => names.has(name));
}

function run(manager: FeatureFlagManager, entries: readonly Sourced[], source: string): Pick<QaOverrideReport, "applied" | "problems"> {
  const applied: AppliedQaOverride[] = [];
  const problems: QaOverrideProblem[] = [];
  const problem = (entry: Sourced, reason: QaProblemReason, message: string) =>
    problems.push({ entry: entry.text, name: entry.name, from: entry.from, reason, message });
  const experiments = emptyRecord<readonly string[]>();
  for (const exp of manager.getExperiments()) experiments[exp.name] = exp.variants;

  // a flagd flag's override is the variant name, which `setFlag` resolves (or a boolean for a boolean flag)
  const flags = new Map<string, { entry: Sourced; value: boolean | string }>();
  for (const entry of entries) {
    if (hasOwn(experiments, entry.name)) {
      const variants = experiments[entry.name]!;
      if (entry.value === undefined || !variants.includes(entry.value)) {
        problem(entry, "unknown-variant", `experiment "${entry.name}" has no variant ${JSON.stringify(entry.value ?? "")} (variants: ${variants.join(", ")})`);
        continue;
      }
      manager.setVariant(entry.name, entry.value, { source });
      applied.push({ kind: "variant", name: entry.name, value: entry.value, from: entry.from });
    } else if (manager.getFlagMetadata(entry.name) !== undefined) {
      const variants = flagdVariantsOf(manager.store.getConfig(), entry.name);
      if (variants !== undefined) {
        const typed = entry.value === undefined ? undefined : flagdOverrideFromText(variants, entry.value);
        if (typed === undefined) {
          problem(entry, "invalid-value", `flag "${entry.name}" needs one of its variants ${flagdTextChoices(variants)}, got ${JSON.stringify(entry.value ?? "")}`);
          continue;
        }
        flags.set(entry.name, { entry, value: typeof typed === "boolean" ? typed : typed.variant! });
        continue;
      }
      const value = entry.value === undefined ? undefined : parseEnvBoolean(entry.value);
      if (value === undefined) {
        problem(entry, "invalid-value", `flag "${entry.name}" needs on or off (also true/false, 1/0, yes/no), got ${JSON.stringify(entry.value ?? "")}`);
        continue;
      }
      flags.set(entry.name, { entry, value });
    } else {
      problem(entry, "unknown-name", `"${entry.name}" is neither a flag nor an experiment of the current config`);
    }
  }

  for (const name of dependencyOrder(manager, new Set(flags.keys()))) {
    const { entry, value } = flags.get(name)!;
    try {
      manager.setFlag(name, value, { source });
    } catch (error) {
      // DependencyError carries the SPEC message: "Cannot enable x: dependencies not satisfied: y"
      problem(entry, "refused", error instanceof Error ? error.message : String(error));
      continue;
    }
    applied.push({ kind: "flag", name, value, from: entry.from });
    const explanation = manager.explain(name);
    if (explanation.source === "env") problem(entry, "shadowed", `an environment override decides "${name}" (${explanation.reason}); the QA value applies once it is removed`);
  }

  // Report in the order the entries were written, whichever step found the problem.
  const position = new Map(entries.map((entry, i) => [entry.name, i]));
  problems.sort((a, b) => position.get(a.name)! - position.get(b.name)!);
  return { applied, problems };
}

function log(problems: readonly QaOverrideProblem[], logger: Logger): void {
  for (const p of problems) logger.warn(`QA override "${p.entry}" (from ${p.from}) not applied: ${p.message}`);
}

/**
 * Applies QA overrides from the URL (`?vf=flag_a:on,experiment_1:treatment_a`) and the
 * `victor-flags:qa` storage key as runtime overrides with `source: "qa"`, flags in dependency
 * order. Unknown names, bad values and overrides the dependency rules refuse are returned and
 * logged, never dropped silently.
 */
export function applyQaOverrides(manager: FeatureFlagManager, options: QaOverrideOptions = {}): QaOverrideReport {
  const logger = options.logger ?? consoleLogger;
  const storage = options.storage === undefined ? detectStorage() : options.storage;
  const source = options.source ?? "qa";
  const { entries, unread } = collect(options, storage, logger);
  if (entries.length === 0) {
    log(unread, logger);
    return { applied: [], problems: unread, pending: false, cancel: () => {} };
  }

  const first = run(manager, entries, source);
  // While a remote config is still loading, a name the cache or bootstrap lacks may yet arrive:
  // those entries wait for the load; everything else applies now, before the first paint.
  const waiting = manager.getStatus().ready ? [] : first.problems.filter((p) => p.reason === "unknown-name");
  const now = [...unread, ...first.problems.filter((p) => !waiting.includes(p))];
  log(now, logger);
  if (waiting.length === 0) return { applied: first.applied, problems: now, pending: false, cancel: () => {} };

  const retry = entries.filter((entry) => waiting.some((p) => p.name === entry.name));
  let off: (() => void) | undefined = manager.subscribeStatus(() => {
    if (!off || !manager.getStatus().ready) return;
    off();
    off = undefined;
    const later = run(manager, retry, source);
    log(later.problems, logger);
    options.onReport?.({ applied: [...first.applied, ...later.applied], problems: [...now, ...later.problems], pending: false, cancel: () => {} });
  });
  return {
    applied: first.applied,
    problems: now,
    pending: true,
    cancel: () => {
      off?.();
      off = undefined;
    },
  };
}
