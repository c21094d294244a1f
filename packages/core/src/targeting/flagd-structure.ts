// Structural checks of the flagd format: what decides whether a document loads. No rule
// analysis and no engine here, so the core's validator (and `isValidConfig` in a remote source's
// first chunk) carries only these few functions; rule warnings live in flagd-validate.ts.

import { hasOwn, isReservedName } from "../safe-record.js";
import type { FlagdProblem } from "./flagd-types.js";

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Whether a `flags` entry is written in the flagd format (it has `state` or `variants`). */
export function isFlagdFlag(def: unknown): boolean {
  return isRecord(def) && (hasOwn(def, "state") || hasOwn(def, "variants"));
}

/** `parent.key`, or `parent["key"]` when the key would read ambiguously (dots, spaces...). */
export function pathOf(parent: string, key: string): string {
  return /^[A-Za-z0-9_$-]+$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function metadataErrors(meta: unknown, path: string, out: FlagdProblem[]): void {
  if (meta === undefined) return;
  if (!isRecord(meta)) return void out.push({ path, message: "must be an object" });
  for (const [k, v] of Object.entries(meta)) {
    if (typeof v !== "string" && typeof v !== "boolean" && !(typeof v === "number" && Number.isFinite(v))) {
      out.push({ path: pathOf(path, k), message: "must be a string, number or boolean" });
    }
  }
}

/** Structural errors of one flagd flag (each rejects the document). */
export function flagdFlagErrors(key: string, def: unknown, path = pathOf("flags", key)): FlagdProblem[] {
  const out: FlagdProblem[] = [];
  if (key === "") out.push({ path, message: "a flag key must not be empty" });
  if (isReservedName(key)) out.push({ path, message: `"${key}" is reserved` });
  if (!isRecord(def)) return [...out, { path, message: "must be an object" }];
  if (def.state !== "ENABLED" && def.state !== "DISABLED") {
    out.push({ path: `${path}.state`, message: `must be "ENABLED" or "DISABLED" (got ${JSON.stringify(def.state) ?? "nothing"})` });
  }
  const variants = def.variants;
  if (!isRecord(variants)) out.push({ path: `${path}.variants`, message: "must be an object of variant name to value" });
  else {
    if (Object.keys(variants).length === 0) out.push({ path: `${path}.variants`, message: "must define at least one variant" });
    for (const name of Object.keys(variants)) if (isReservedName(name)) out.push({ path: pathOf(`${path}.variants`, name), message: `"${name}" is reserved` });
  }
  const dv = def.defaultVariant;
  if (dv !== undefined && dv !== null && typeof dv !== "string") {
    out.push({ path: `${path}.defaultVariant`, message: "must be a variant name, null or absent" });
  } else if (typeof dv === "string" && dv !== "" && isRecord(variants) && !hasOwn(variants, dv)) {
    out.push({ path: `${path}.defaultVariant`, message: `names variant "${dv}", which ${path}.variants does not define` });
  }
  if (def.targeting !== undefined && def.targeting !== null && !isRecord(def.targeting)) {
    out.push({ path: `${path}.targeting`, message: "must be a JSONLogic rule (an object)" });
  }
  metadataErrors(def.metadata, `${path}.metadata`, out);
  return out;
}

/** Structural errors of the flagd parts of a document: `$evaluators`, flag-set `metadata`. */
export function flagdDocumentErrors(doc: Record<string, unknown>): FlagdProblem[] {
  const out: FlagdProblem[] = [];
  const evaluators = doc.$evaluators;
  if (evaluators !== undefined && !isRecord(evaluators)) out.push({ path: "$evaluators", message: "must be an object of name to JSONLogic rule" });
  metadataErrors(doc.metadata, "metadata", out);
  return out;
}
