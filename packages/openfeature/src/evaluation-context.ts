import type { FlagContext, JsonValue } from "@victor-flags/core";

/**
 * The shape of an OpenFeature evaluation context, declared here so this module needs neither SDK:
 * `targetingKey` plus attributes that are primitives, dates, arrays or nested objects.
 */
export interface OpenFeatureContext {
  targetingKey?: string;
  [attribute: string]: unknown;
}

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

function toJson(value: unknown, depth: number): JsonValue | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  // Dates have no JSON form of their own; ISO 8601 keeps them comparable and readable.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth > 32) return undefined;
  if (Array.isArray(value)) return value.map((item) => toJson(item, depth + 1) ?? null);
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value)) {
      if (RESERVED.has(key)) continue;
      const item = toJson((value as Record<string, unknown>)[key], depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }
  return undefined;
}

/**
 * The subject an OpenFeature context names: its `targetingKey`, else a string `userId`
 * attribute; `undefined` when neither is a non-blank string.
 */
export function subjectOf(context: OpenFeatureContext | undefined): string | undefined {
  if (!context) return undefined;
  const key = context.targetingKey;
  if (typeof key === "string" && key.trim() !== "") return key;
  const userId = context["userId"];
  return typeof userId === "string" && userId.trim() !== "" ? userId : undefined;
}

/**
 * Maps an OpenFeature evaluation context to a victor-flags context: `targetingKey` becomes
 * `userId` (the bucketing subject) and every other attribute is kept as JSON (dates as ISO
 * strings). A non-string `userId` attribute cannot be a subject and is dropped.
 */
export function toFlagContext(context: OpenFeatureContext | undefined): FlagContext {
  const out: FlagContext = {};
  if (!context) return out;
  for (const key of Object.keys(context)) {
    if (key === "targetingKey" || key === "userId" || RESERVED.has(key)) continue;
    const value = toJson(context[key], 0);
    if (value !== undefined) out[key] = value;
  }
  const subject = subjectOf(context);
  if (subject !== undefined) out.userId = subject;
  return out;
}
