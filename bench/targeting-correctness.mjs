// Correctness side of the targeting bench's engine choice: what each JSONLogic engine and semver
// library answers on cases where flagd's behaviour (or the JSONLogic reference) is known.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// [rule, data, the JSONLogic reference's answer (json-logic-js, jsonlogic.com's test suite)]
const JSON_LOGIC_CASES = [
  [{ "==": [null, 0] }, {}, false],
  [{ missing: ["a", "b"] }, { a: "" }, ["a", "b"]],
  [{ missing: [["a", "b"]] }, { a: 1 }, ["b"]],
  [{ "!!": [[]] }, {}, false],
  [{ if: [[], "yes", "no"] }, {}, "no"],
  [{ var: "a.b" }, { a: { b: 0 } }, 0],
  [{ var: ["x", 5] }, {}, 5],
  [{ "<": [1, 2, 3] }, {}, true],
  [{ substr: ["jsonlogic", 4, -2] }, {}, "log"],
  [{ cat: ["a", null, 1] }, {}, "a1"],
  [{ in: ["b", "abc"] }, {}, true],
  [{ reduce: [[1, 2, 3], { "+": [{ var: "current" }, { var: "accumulator" }] }, 0] }, {}, 6],
];

function jsonLogicEngines(engineUrlModule) {
  const jsonLogic = require("json-logic-js");
  const { LogicEngine } = require("json-logic-engine");
  const engine = new LogicEngine();
  const { compileRule } = engineUrlModule;
  const run = (rule, data) => {
    const r = compileRule(rule);
    if (!r.ok) throw new Error(r.fault.message);
    return r.node(data, { ctx: data, flagKey: "k", ts: -1, now: Date.now });
  };
  return {
    victor: run,
    "json-logic-js": (rule, data) => jsonLogic.apply(rule, data),
    "json-logic-engine": (rule, data) => engine.build(rule)(data),
  };
}

function attempt(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: e instanceof RangeError ? "stack overflow" : String(e.message ?? e).slice(0, 60) };
  }
}

/** Pairs of [version, op, version] with flagd's answer (flagd-testbed semver.feature and SemVer 2.0). */
const SEMVER_CASES = [
  ["2.0.0", "=", "2.0.0", true],
  ["2.0.0-alpha", "<", "2.0.0", true],
  ["2.0.0-beta.2", "<", "2.0.0-beta.11", true],
  ["1.0.0+other", "=", "1.0.0+build", true],
  ["v1.0.0", "=", "1.0.0", true],
  ["1.5.0", "^", "1", true],
  ["2.0.0.0", "=", "2.0.0", null],
  ["01.0.0", "=", "1.0.0", null],
  ["not-a-version", "=", "1.0.0", null],
];

export async function correctness(engineUrl) {
  const ours = await import(engineUrl);
  const engines = jsonLogicEngines(ours);
  const notes = [];
  const jsonLogic = {};
  for (const [name, run] of Object.entries(engines)) {
    let agree = 0;
    const differ = [];
    for (const [rule, data, want] of JSON_LOGIC_CASES) {
      const got = attempt(() => run(rule, data));
      if (JSON.stringify(got.value) === JSON.stringify(want)) agree++;
      else differ.push(`${JSON.stringify(rule)} → ${got.error ?? JSON.stringify(got.value)}`);
    }
    const proto = attempt(() => run({ var: "constructor" }, {}));
    const protoSafe = proto.value === null || proto.value === undefined;
    let deep = true;
    for (let i = 0; i < 20_000; i++) deep = { "!": [deep] };
    const deepRes = attempt(() => run(deep, {}));
    const deepNote = deepRes.error ?? `answered ${JSON.stringify(deepRes.value)}`;
    jsonLogic[name] = `${agree}/${JSON_LOGIC_CASES.length} reference cases; prototype ${protoSafe ? "unreachable" : "readable"}; 20 000-deep rule: ${deepNote}`;
    notes.push(`JSONLogic ${name}: ${jsonLogic[name]}${differ.length ? ` — differs on ${differ.join("; ")}` : ""}`);
  }

  const semverLib = require("semver");
  const { compareVersions, validate } = require("compare-versions");
  const cmp = (c, op) => (op === "=" ? c === 0 : op === "<" ? c < 0 : op === "^" ? null : null);
  const libs = {
    victor: ([a, op, b]) => ours.semVer([a, op, b]),
    semver: ([a, op, b]) => {
      const x = semverLib.parse(a);
      const y = semverLib.parse(b);
      if (!x || !y) return null;
      return op === "^" ? x.major === y.major : cmp(semverLib.compare(x, y), op);
    },
    "compare-versions": ([a, op, b]) => {
      if (!validate(a) || !validate(b)) return null;
      return op === "^" ? compareVersions(a.replace(/^v/, "").split(".")[0], b.split(".")[0]) === 0 : cmp(compareVersions(a, b), op);
    },
  };
  const semver = {};
  for (const [name, fn] of Object.entries(libs)) {
    const wrong = SEMVER_CASES.filter((c) => attempt(() => fn(c)).value !== c[3]).map((c) => `${c[0]} ${c[1]} ${c[2]}`);
    semver[name] = `${SEMVER_CASES.length - wrong.length}/${SEMVER_CASES.length} flagd cases`;
    notes.push(`semver ${name}: ${semver[name]}${wrong.length ? ` — wrong on ${wrong.join(", ")}` : ""} (used plainly, without flagd-core's v-strip/coerce wrapper)`);
  }
  return { jsonLogic, semver, notes };
}
