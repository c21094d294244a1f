/**
 * Structural equality for JSON-like values (evaluation contexts). `<FlagProvider context={{ userId }}>`
 * receives a new object on every parent render; comparing by value keeps that from re-bucketing.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = keysOf(ra);
  return ka.length === keysOf(rb).length && ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && jsonEqual(ra[k], rb[k]));
}

/** An array's indexes, or an object's keys but those whose value is undefined (absent in JSON). */
function keysOf(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => Array.isArray(o) || o[k] !== undefined);
}
