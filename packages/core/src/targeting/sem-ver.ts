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

const MAX_LENGTH = 256;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdChar = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;

// A hand-written scanner: as fast again as one regular expression with the same grammar.
let text = "";
let at = 0;

/** A numeric identifier at `at`: digits without a leading zero, at most MAX_SAFE_INTEGER. */
function number(): number {
  const start = at;
  while (at < text.length && isDigit(text.charCodeAt(at))) at++;
  if (at === start || (text.charCodeAt(start) === 48 && at - start > 1)) return -1;
  const n = Number(text.slice(start, at));
  return n <= Number.MAX_SAFE_INTEGER ? n : -1;
}

/** Dot-separated identifiers of [0-9A-Za-z-]; prerelease ones turn numeric when all digits. */
function identifiers(pre: (string | number)[] | null): boolean {
  for (;;) {
    const start = at;
    while (at < text.length && isIdChar(text.charCodeAt(at))) at++;
    if (at === start) return false;
    if (pre) {
      const id = text.slice(start, at);
      let digits = true;
      for (let i = 0; i < id.length && digits; i++) digits = isDigit(id.charCodeAt(i));
      if (digits && id.length > 1 && id.charCodeAt(0) === 48) return false; // leading zero
      pre.push(digits ? Number(id) : id);
    }
    if (text.charCodeAt(at) !== 46) return true;
    at++;
  }
}

/** Strict SemVer 2.0 (an optional "v" first, as node-semver allows), or null. */
function strict(input: string): SemVer | null {
  text = input;
  at = text.charCodeAt(0) === 118 ? 1 : 0;
  const major = number();
  if (major < 0 || text.charCodeAt(at++) !== 46) return null;
  const minor = number();
  if (minor < 0 || text.charCodeAt(at++) !== 46) return null;
  const patch = number();
  if (patch < 0) return null;
  const pre: (string | number)[] = [];
  if (text.charCodeAt(at) === 45 && (at++, !identifiers(pre))) return null;
  if (text.charCodeAt(at) === 43 && (at++, !identifiers(null))) return null;
  return at === text.length ? { major, minor, patch, pre } : null;
}

/** "1" or "1.2" (up to 16 digits each, as node-semver's coerce), completed with zeros. */
function partial(input: string): SemVer | null {
  text = input;
  at = 0;
  const start = at;
  while (at < text.length && isDigit(text.charCodeAt(at))) at++;
  if (at === start || at - start > 16) return null;
  const major = Number(text.slice(start, at));
  let minor = 0;
  if (at < text.length) {
    if (text.charCodeAt(at++) !== 46) return null;
    const m = at;
    while (at < text.length && isDigit(text.charCodeAt(at))) at++;
    if (at === m || at - m > 16 || at !== text.length) return null;
    minor = Number(text.slice(m, at));
  }
  return major <= Number.MAX_SAFE_INTEGER && minor <= Number.MAX_SAFE_INTEGER ? { major, minor, patch: 0, pre: [] } : null;
}

/** Parses a version as flagd-core's sem_ver does, or null. */
export function parseSemVer(raw: unknown): SemVer | null {
  let s = String(raw);
  if (s.length > MAX_LENGTH) return null;
  const first = s.charCodeAt(0);
  if (first === 118 || first === 86) s = s.slice(1);
  return strict(s.trim()) ?? partial(s);
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
export const SEM_VER_OPERATORS: ReadonlySet<string> = /*#__PURE__*/ new Set(["=", "!=", "<", "<=", ">", ">=", "^", "~"]);

/** `sem_ver` over evaluated arguments: a boolean, or null for bad arity, versions or operator. */
export function semVer(args: readonly unknown[]): boolean | null {
  return args.length === 3 ? semVerOf(parseSemVer(args[0]), args[1], parseSemVer(args[2])) : null;
}

/** `sem_ver` over parsed versions. */
export function semVerOf(a: SemVer | null, operator: unknown, b: SemVer | null): boolean | null {
  const op = String(operator);
  return a && b && SEM_VER_OPERATORS.has(op) ? semVerTest(op)(a, b) : null;
}

const TESTS: Readonly<Record<string, (a: SemVer, b: SemVer) => boolean>> = {
  "=": (a, b) => compareSemVer(a, b) === 0,
  "!=": (a, b) => compareSemVer(a, b) !== 0,
  "<": (a, b) => compareSemVer(a, b) < 0,
  "<=": (a, b) => compareSemVer(a, b) <= 0,
  ">": (a, b) => compareSemVer(a, b) > 0,
  ">=": (a, b) => compareSemVer(a, b) >= 0,
  "^": (a, b) => a.major === b.major,
  "~": (a, b) => a.major === b.major && a.minor === b.minor,
};

/** The comparison behind one of SEM_VER_OPERATORS (chosen once when the operator is literal). */
export function semVerTest(operator: string): (a: SemVer, b: SemVer) => boolean {
  return TESTS[operator] as (a: SemVer, b: SemVer) => boolean;
}
