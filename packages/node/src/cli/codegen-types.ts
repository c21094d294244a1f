// TypeScript types for `victor-flags codegen`: a flag key as a property name, and a flag's value
// type from its variants (a union of the texts for string flags, `number`, `boolean`, object
// shapes as JSON types), so typed reads check their fallback at compile time.

import { isFlagdFlag } from "@victor-flags/core/targeting";

/** `name` as a property key: bare when it is an identifier, else quoted (`"banner-text"`, `"limits.api"`). */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Nesting below which a JSON value is typed `JsonValue` instead of spelled out. */
const MAX_DEPTH = 8;

/** The JSON type of one value: primitives widened, objects and arrays spelled out. */
function jsonType(value: unknown, depth: number): string {
  if (value === null) return "null";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (depth >= MAX_DEPTH || typeof value !== "object") return "JsonValue";
  if (Array.isArray(value)) {
    if (value.length === 0) return "JsonValue[]";
    const items = union(value.map((v) => jsonType(v, depth + 1)));
    return items.includes(" | ") ? `(${items})[]` : `${items}[]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  // `{}` would accept any non-null value (a boolean fallback too); an empty object is this
  if (entries.length === 0) return "{ [key: string]: never }";
  return `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${jsonType(v, depth + 1)}`).join("; ")} }`;
}

/** Distinct types joined with `|`, in first-seen order. */
function union(types: readonly string[]): string {
  return [...new Set(types)].join(" | ");
}

/**
 * The value type of a flag definition: `boolean` for Victor flags; for flagd flags, the union of
 * its variants' types, with string variants as their literals.
 */
export function flagValueType(def: unknown): string {
  if (!isFlagdFlag(def)) return "boolean";
  const variants = Object.values((def as { variants?: Record<string, unknown> }).variants ?? {});
  const types = variants.map((v) => (typeof v === "string" ? JSON.stringify(v) : jsonType(v, 0)));
  return types.length === 0 ? "never" : union(types);
}
