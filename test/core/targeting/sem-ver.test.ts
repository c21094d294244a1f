import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { compileFlagdDocument, resolveFlagd } from "@victor-flags/core/targeting/index.js";
import { compareSemVer, parseSemVer, semVer } from "@victor-flags/core/targeting/sem-ver.js";

describe("sem_ver operators", () => {
  const cases: [string, string, string, boolean][] = [
    ["1.2.3", "=", "1.2.3", true],
    ["1.2.3", "!=", "1.2.4", true],
    ["1.2.3", "<", "1.10.0", true],
    ["1.10.0", ">", "1.9.9", true],
    ["2.0.0", ">=", "2.0.0", true],
    ["2.0.0", "<=", "1.99.99", false],
    ["2.0.0-alpha", "<", "2.0.0", true],
    ["2.0.0-alpha", "<", "2.0.0-alpha.1", true],
    ["2.0.0-alpha.1", "<", "2.0.0-alpha.beta", true],
    ["2.0.0-beta.2", "<", "2.0.0-beta.11", true],
    ["2.0.0-rc.1", "<", "2.0.0", true],
    ["1.0.0+build.1", "=", "1.0.0+build.2", true],
    ["3.4.5", "^", "3.0.0", true],
    ["4.0.0", "^", "3.9.9", false],
    ["3.0.9", "~", "3.0.0", true],
    ["3.1.0", "~", "3.0.0", false],
  ];
  it.each(cases)("%s %s %s is %s", (a, op, b, want) => {
    expect(semVer([a, op, b])).toBe(want);
  });

  it("answers null for a bad operator, arity or version", () => {
    expect(semVer(["1.0.0", "===", "1.0.0"])).toBeNull();
    expect(semVer(["1.0.0", "="])).toBeNull();
    expect(semVer(["not-a-version", "=", "1.0.0"])).toBeNull();
    expect(semVer(["2.0.0.0", "=", "2.0.0"])).toBeNull();
  });
});

describe("sem_ver version parsing (flagd-core's lenient rules)", () => {
  it("strips one v/V prefix, completes partial versions and ignores surrounding spaces", () => {
    expect(parseSemVer("v1.2.3")).toEqual({ major: 1, minor: 2, patch: 3, pre: [] });
    expect(parseSemVer("V1.2.3")).toEqual({ major: 1, minor: 2, patch: 3, pre: [] });
    expect(parseSemVer("1")).toEqual({ major: 1, minor: 0, patch: 0, pre: [] });
    expect(parseSemVer("1.2")).toEqual({ major: 1, minor: 2, patch: 0, pre: [] });
    expect(parseSemVer(2)).toEqual({ major: 2, minor: 0, patch: 0, pre: [] });
    expect(parseSemVer(" 1.0.0 ")).toEqual({ major: 1, minor: 0, patch: 0, pre: [] });
  });

  it("rejects what strict SemVer 2.0 rejects", () => {
    for (const bad of ["01.0.0", "1.0.0-01", "1.0.0-", "1..0", "myVersion_1", "1.0.0.0", "", "x1.0.0", null, undefined, "99999999999999999.0.0"]) {
      expect(parseSemVer(bad), String(bad)).toBeNull();
    }
  });

  it("orders prerelease identifiers numerically, then below alphanumerics", () => {
    const p = (v: string) => parseSemVer(v)!;
    expect(compareSemVer(p("1.0.0-2"), p("1.0.0-10"))).toBe(-1);
    expect(compareSemVer(p("1.0.0-10"), p("1.0.0-a"))).toBe(-1);
    expect(compareSemVer(p("1.0.0-a.b"), p("1.0.0-a"))).toBe(1);
  });
});

// flagd-testbed evaluator/gherkin/semver.feature
describe("flagd-testbed sem_ver scenarios", () => {
  const v = (name: string) => ({ [name]: name });
  const doc = compileFlagdDocument({
    flags: {
      "equal-greater-lesser-version-flag": {
        state: "ENABLED", variants: { ...v("equal"), ...v("greater"), ...v("lesser"), ...v("none") }, defaultVariant: "none",
        targeting: { if: [{ sem_ver: [{ var: "version" }, "=", "2.0.0"] }, "equal", { if: [{ sem_ver: [{ var: "version" }, ">", "2.0.0"] }, "greater", { if: [{ sem_ver: [{ var: "version" }, "<", "2.0.0"] }, "lesser", "none"] }] }] },
      },
      "major-minor-version-flag": {
        state: "ENABLED", variants: { ...v("minor"), ...v("major"), ...v("none") }, defaultVariant: "none",
        targeting: { if: [{ sem_ver: [{ var: "version" }, "~", "3.0.0"] }, "minor", { if: [{ sem_ver: [{ var: "version" }, "^", "3.0.0"] }, "major", "none"] }] },
      },
      "semver-partial-version-flag": { state: "ENABLED", variants: { ...v("match"), ...v("no-match") }, defaultVariant: "no-match", targeting: { if: [{ sem_ver: [{ var: "version" }, "^", "1"] }, "match", "no-match"] } },
      "semver-invalid-operator-flag": { state: "ENABLED", variants: { ...v("true"), ...v("false"), ...v("fallback") }, defaultVariant: "fallback", targeting: { if: [{ sem_ver: [{ var: "version" }, "===", "1.0.0"] }, "true", "false"] } },
    },
  });
  const value = (key: string, version: string) => resolveFlagd(doc, key, "fallback", { version }).value;

  it("compares", () => {
    const want = { "2.0.0": "equal", "2.1.0": "greater", "1.9.0": "lesser", "2.0.0-alpha": "lesser", "2.0.0.0": "none" };
    for (const [version, out] of Object.entries(want)) expect(value("equal-greater-lesser-version-flag", version), version).toBe(out);
    expect(value("major-minor-version-flag", "3.0.1")).toBe("minor");
    expect(value("major-minor-version-flag", "3.1.0")).toBe("major");
    expect(value("major-minor-version-flag", "4.0.0")).toBe("none");
    expect(value("semver-partial-version-flag", "1.5.0")).toBe("match");
    expect(value("semver-partial-version-flag", "2.0.0")).toBe("no-match");
  });

  it("treats an unknown operator as null (the else branch) and warns about it", () => {
    expect(value("semver-invalid-operator-flag", "1.0.0")).toBe("false");
    expect(doc.warnings.map((w) => w.path)).toContain("flags.semver-invalid-operator-flag.targeting.if[0].sem_ver[1]");
  });
});

// flagd-core's sem_ver over node-semver, rebuilt as the oracle: one v/V stripped, strict parse,
// "1" / "1.2" coerced, then semver.compare or major/minor equality.
describe("sem_ver agrees with flagd-core's rules over node-semver", () => {
  const semver = createRequire(import.meta.url)("semver") as {
    parse(v: string): { major: number; minor: number } | null;
    coerce(v: string): { major: number; minor: number } | null;
    compare(a: object, b: object): number;
  };
  const normalize = (raw: unknown) => {
    const str = String(raw).replace(/^[vV]/, "");
    return semver.parse(str) ?? (/^\d+(\.\d+)?$/.test(str) ? semver.coerce(str) : null);
  };
  const oracle = (a: unknown, op: string, b: unknown): boolean | null => {
    const x = normalize(a);
    const y = normalize(b);
    if (!x || !y) return null;
    const c = semver.compare(x, y);
    const table: Record<string, boolean> = { "=": c === 0, "!=": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0, "^": x.major === y.major, "~": x.major === y.major && x.minor === y.minor };
    return op in table ? (table[op] as boolean) : null;
  };

  it("on generated versions, well- and ill-formed", () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const parts = ["0", "1", "2", "10", "01", "", "x", "99999999999999999"];
    const pre = ["", "-alpha", "-alpha.1", "-beta.11", "-beta.2", "-rc.01", "-0", "-", "-a..b", "-x-y.7"];
    const build = ["", "+build", "+b.1", "+", "+a..b"];
    const prefix = ["", "", "v", "V", "vv", " ", "="];
    const version = () => {
      const shape = rand(6);
      if (shape === 0) return parts[rand(parts.length)]!;
      if (shape === 1) return `${parts[rand(4)]}.${parts[rand(4)]}`;
      const core = `${parts[rand(parts.length)]}.${parts[rand(parts.length)]}.${parts[rand(parts.length)]}`;
      return `${prefix[rand(prefix.length)]}${core}${rand(4) === 0 ? ".0" : ""}${pre[rand(pre.length)]}${build[rand(build.length)]}`;
    };
    const ops = ["=", "!=", "<", "<=", ">", ">=", "^", "~", "==="];
    const answers = { true: 0, false: 0, null: 0 };
    for (let i = 0; i < 5000; i++) {
      const a = version();
      const b = version();
      const op = ops[rand(ops.length)]!;
      const want = oracle(a, op, b);
      expect(semVer([a, op, b]), `${JSON.stringify(a)} ${op} ${JSON.stringify(b)}`).toBe(want);
      answers[String(want) as keyof typeof answers]++;
    }
    // the generator must reach every outcome, not only the invalid ones
    expect(Math.min(answers.true, answers.false, answers.null)).toBeGreaterThan(150);
  });
});
