// flagd's `sem_ver` operation: [version, operator, version] with = != < <= > >= (SemVer 2.0
// precedence, build metadata ignored), ^ (same major) and ~ (same major and minor). Versions
// parse as flagd-core does: one leading v/V stripped, strict SemVer 2.0 after that, and "1" or
// "1.2" completed to "1.0.0" / "1.2.0". Anything else (e.g. "2.0.0.0") makes the operation null.

/** A parsed version; `pre` holds the prerelease identifiers, numeric ones as numbers. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: readonly (string | number)[];
}

const NUM = "0|[1-9]\\d*";
const PRE_ID = `(?:${NUM}|\\d*[a-zA-Z-][a-zA-Z0-9-]*)`;
const STRICT = new RegExp(
  `^v?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
const PARTIAL = /^(\d{1,16})(?:\.(\d{1,16}))?$/;
const MAX_LENGTH = 256;

function safeInt(text: string): number | null {
  const n = Number(text);
  return n <= Number.MAX_SAFE_INTEGER ? n : null;
}

/** Parses a version as flagd-core's sem_ver does, or null. */
export function parseSemVer(raw: unknown): SemVer | null {
  const text = String(raw).replace(/^[vV]/, "");
  if (text.length > MAX_LENGTH) return null;
  const m = STRICT.exec(text.trim());
  if (m) {
    const major = safeInt(m[1] as string);
    const minor = safeInt(m[2] as string);
    const patch = safeInt(m[3] as string);
    if (major === null || minor === null || patch === null) return null;
    const pre = m[4] === undefined ? [] : m[4].split(".").map((id) => (/^\d+$/.test(id) ? safeInt(id) ?? id : id));
    return { major, minor, patch, pre };
  }
  const p = PARTIAL.exec(text);
  if (!p) return null;
  const major = safeInt(p[1] as string);
  const minor = p[2] === undefined ? 0 : safeInt(p[2]);
  return major === null || minor === null ? null : { major, minor, patch: 0, pre: [] };
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === "number") return -1; // numeric identifiers sort before alphanumeric ones
  if (typeof b === "number") return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** SemVer 2.0 precedence: -1, 0 or 1. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  // a version without prerelease identifiers ranks above any with them
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; ; i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined && y === undefined) return 0;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIds(x, y);
    if (c !== 0) return c;
  }
}

/** The operators sem_ver accepts. */
export const SEM_VER_OPERATORS: ReadonlySet<string> = new Set(["=", "!=", "<", "<=", ">", ">=", "^", "~"]);

/** `sem_ver` over evaluated arguments: a boolean, or null for bad arity, versions or operator. */
export function semVer(args: readonly unknown[]): boolean | null {
  if (args.length !== 3) return null;
  const a = parseSemVer(args[0]);
  const b = parseSemVer(args[2]);
  if (!a || !b) return null;
  switch (String(args[1])) {
    case "=":
      return compareSemVer(a, b) === 0;
    case "!=":
      return compareSemVer(a, b) !== 0;
    case "<":
      return compareSemVer(a, b) < 0;
    case "<=":
      return compareSemVer(a, b) <= 0;
    case ">":
      return compareSemVer(a, b) > 0;
    case ">=":
      return compareSemVer(a, b) >= 0;
    case "^":
      return a.major === b.major;
    case "~":
      return a.major === b.major && a.minor === b.minor;
    default:
      return null;
  }
}
