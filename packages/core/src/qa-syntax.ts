// The text form of QA overrides, shared by the URL parameter, the localStorage key and the test
// helpers that write them: `flag_a:on,flag_b:off,experiment_1:treatment_a,banner-text:nl`. Parsing
// yields raw entries only; whether a name is a flag (Victor's or flagd's, any key flagd allows) or
// an experiment, and what its value may be, is decided against a manager's config.

import { InvalidArgumentError } from "./errors.js";
import { MAX_QA_ENTRIES, MAX_QA_TEXT_LENGTH } from "./limits.js";

/** The URL search parameter read by `applyQaOverrides` (`?vf=flag_a:on`). */
export const QA_PARAM = "vf";

/** The localStorage key read by `applyQaOverrides`. */
export const QA_STORAGE_KEY = "victor-flags:qa";

/** One `name:value` pair as written, before it is checked against a config. */
export interface QaEntry {
  /** The text of the entry as written, for reports. */
  readonly text: string;
  readonly name: string;
  /** `undefined` when the entry had no `:value` part. */
  readonly value: string | undefined;
}

/** Values to force: flag booleans, and variants of experiments or of flagd flags (`banner-text: "nl"`). */
export interface QaOverrideValues {
  flags?: Readonly<Record<string, boolean>>;
  /** Variant names by experiment or flagd flag key: both are written `name:variant`. */
  variants?: Readonly<Record<string, string>>;
}

/** Splits `a:on, b:off ,exp:variant` into entries; empty items are skipped. */
export function parseQaOverrides(text: string): QaEntry[] {
  const entries: QaEntry[] = [];
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    const colon = item.indexOf(":");
    entries.push(
      colon === -1
        ? { text: item, name: item, value: undefined }
        : { text: item, name: item.slice(0, colon).trim(), value: item.slice(colon + 1).trim() },
    );
  }
  return entries;
}

/**
 * Why QA override text is not read at all — longer than `MAX_QA_TEXT_LENGTH` or holding more
 * than `MAX_QA_ENTRIES` entries — or `undefined` when it is read.
 */
export function qaTextProblem(text: string): string | undefined {
  // the length first, so that a huge text is never split
  if (text.length > MAX_QA_TEXT_LENGTH) return `${text.length} characters, more than the ${MAX_QA_TEXT_LENGTH} read`;
  const count = parseQaOverrides(text).length;
  return count > MAX_QA_ENTRIES ? `${count} entries, more than the ${MAX_QA_ENTRIES} read` : undefined;
}

function checkPart(part: string, what: string): void {
  if (part === "" || /[,:]/.test(part) || part.trim() !== part) {
    throw new InvalidArgumentError(`QA override ${what} ${JSON.stringify(part)} cannot be written: it must be non-empty, without ",", ":" or surrounding spaces`);
  }
}

/** Writes values in the text form that `?vf=` and the storage key accept (`a:on,exp:treatment_a`). */
export function formatQaOverrides(values: QaOverrideValues): string {
  const items: string[] = [];
  for (const [name, value] of Object.entries(values.flags ?? {})) {
    checkPart(name, "flag name");
    if (typeof value !== "boolean") throw new InvalidArgumentError(`QA override for flag "${name}" must be a boolean, got ${JSON.stringify(value)}`);
    items.push(`${name}:${value ? "on" : "off"}`);
  }
  for (const [name, variant] of Object.entries(values.variants ?? {})) {
    checkPart(name, "experiment name");
    if (typeof variant !== "string") throw new InvalidArgumentError(`QA override for experiment "${name}" must be a variant name, got ${JSON.stringify(variant)}`);
    checkPart(variant, "variant");
    items.push(`${name}:${variant}`);
  }
  const text = items.join(",");
  const problem = qaTextProblem(text);
  if (problem !== undefined) throw new InvalidArgumentError(`QA overrides cannot be written: ${problem} (see docs/limits.md)`);
  return text;
}
