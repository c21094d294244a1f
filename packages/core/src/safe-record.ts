// Flag names come from config files, URLs and env vars: every map keyed by them has a null
// prototype so that "toString" or "__proto__" can never reach Object.prototype.

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** True for names that must never be used as keys (`__proto__`, `constructor`, `prototype`). */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}

/** An empty object with no prototype, safe to index by untrusted names. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Own, non-reserved entries of a plain object, copied into a null-prototype record. */
export function toSafeRecord<V>(source: { [key: string]: V } | undefined): Record<string, V> {
  const out = emptyRecord<V>();
  if (!source) return out;
  for (const key of Object.keys(source)) {
    if (!isReservedName(key)) out[key] = source[key] as V;
  }
  return out;
}

/** Own-property check that ignores the prototype chain. */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** True for `{...}` objects (not arrays, not null, not class instances other than Object). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
