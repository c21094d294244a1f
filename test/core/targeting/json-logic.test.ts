import { describe, expect, it } from "vitest";
import { compileRule, MAX_RULE_DEPTH, type Run } from "@victor-flags/core/targeting/json-logic.js";

const data = { a: 1, b: "2", s: "hello world", arr: [1, 2, 3], empty: [], z: 0, e: "", n: null, o: { x: { y: 5 } }, list: ["nl", "de"] };

function run(rule: unknown, ctx: unknown = data, flagKey = "my-flag", now = () => 1_700_000_000_999): unknown {
  const compiled = compileRule(rule);
  if (!compiled.ok) throw new Error(`fault: ${compiled.fault.path}: ${compiled.fault.message}`);
  const r: Run = { ctx, flagKey, ts: -1, now };
  return compiled.node(ctx, r);
}

// Expected values are json-logic-js's (the reference implementation); the cases were checked
// against it and against json-logic-engine, flagd-core's engine.
const cases: [string, unknown, unknown][] = [
  ["var", { var: "a" }, 1],
  ["var dotted path", { var: "o.x.y" }, 5],
  ["var array index", { var: "arr.1" }, 2],
  ["var default", { var: ["nope", 7] }, 7],
  ["var of missing is null", { var: "o.x.q" }, null],
  ["var of null value", { var: "n" }, null],
  ["var '' is the data", { var: "" }, data],
  ["var string length", { var: "s.length" }, 11],
  ["var computed path", { var: { cat: ["o", ".x", ".y"] } }, 5],
  ["var never reads a prototype", { var: "a.constructor" }, null],
  ["var __proto__", { var: "__proto__" }, null],
  ["var constructor", { var: "constructor" }, null],
  ["var toString", { var: "toString" }, null],
  ["var an array method", { var: "arr.map" }, null],
  ["var a nested __proto__", { var: "o.__proto__" }, null],
  ["==", { "==": [1, "1"] }, true],
  ["== 0 false", { "==": [0, false] }, true],
  ["===", { "===": [1, "1"] }, false],
  ["!=", { "!=": ["a", "b"] }, true],
  ["!==", { "!==": [1, "1"] }, true],
  [">", { ">": [2, 1] }, true],
  [">=", { ">=": ["2", 1] }, true],
  ["<", { "<": [1, 2] }, true],
  ["< between", { "<": [1, 5, 3] }, false],
  ["<= between", { "<=": [1, 1, 3] }, true],
  ["! of []", { "!": [[]] }, true],
  ["!! of '0'", { "!!": ["0"] }, true],
  ["!! of an empty array", { "!!": [{ var: "empty" }] }, false],
  ["and returns the first falsy", { and: [1, 0, 2] }, 0],
  ["and returns the last", { and: [1, 2] }, 2],
  ["or returns the first truthy", { or: [0, "", "x"] }, "x"],
  ["or returns the last", { or: [0, false] }, false],
  ["if then", { if: [true, "yes", "no"] }, "yes"],
  ["if else-if chain", { if: [false, "a", false, "b", "c"] }, "c"],
  ["if without else", { if: [false, "a"] }, null],
  ["if with no arguments", { if: [] }, null],
  ["?:", { "?:": [0, 2, 3] }, 3],
  ["+", { "+": [1, "2", 3] }, 6],
  ["+ casts one argument", { "+": ["3"] }, 3],
  ["*", { "*": [2, "3"] }, 6],
  ["- binary", { "-": [5, 2] }, 3],
  ["- unary", { "-": [3] }, -3],
  ["/", { "/": [7, 2] }, 3.5],
  ["%", { "%": [7, 3] }, 1],
  ["min", { min: [3, 1, 2] }, 1],
  ["max", { max: [3, 1, 2] }, 3],
  ["cat", { cat: ["a", 1, null, "b"] }, "a1b"],
  ["substr from", { substr: ["jsonlogic", 4] }, "logic"],
  ["substr negative start", { substr: ["jsonlogic", -5] }, "logic"],
  ["substr length", { substr: ["jsonlogic", 1, 3] }, "son"],
  ["substr negative length", { substr: ["jsonlogic", 4, -2] }, "log"],
  ["in array", { in: ["nl", { var: "list" }] }, true],
  ["in literal list", { in: ["fr", ["nl", "de"]] }, false],
  ["in long literal list (a Set)", { in: ["nl", ["a", "b", "c", "d", "e", "f", "g", "h", "i", "nl"]] }, true],
  ["in long literal list, strict", { in: [1, ["1", "b", "c", "d", "e", "f", "g", "h", "i", "j"]] }, false],
  ["in string", { in: ["wor", { var: "s" }] }, true],
  ["in null", { in: ["x", null] }, false],
  ["merge", { merge: [[1, 2], 3, [4, [5]]] }, [1, 2, 3, 4, [5]]],
  ["missing", { missing: ["a", "nope", "e", "n"] }, ["nope", "e", "n"]],
  ["missing from merge", { missing: [["a", "q"]] }, ["q"]],
  ["missing_some met", { missing_some: [1, ["a", "q"]] }, []],
  ["missing_some unmet", { missing_some: [2, ["a", "q", "r"]] }, ["q", "r"]],
  ["map", { map: [{ var: "arr" }, { "*": [{ var: "" }, 2] }] }, [2, 4, 6]],
  ["filter", { filter: [{ var: "arr" }, { ">": [{ var: "" }, 1] }] }, [2, 3]],
  ["reduce", { reduce: [{ var: "arr" }, { "+": [{ var: "current" }, { var: "accumulator" }] }, 10] }, 16],
  ["all", { all: [{ var: "arr" }, { ">": [{ var: "" }, 0] }] }, true],
  ["all of none is false", { all: [[], true] }, false],
  ["none", { none: [{ var: "arr" }, { ">": [{ var: "" }, 5] }] }, true],
  ["some", { some: [{ var: "arr" }, { "==": [{ var: "" }, 2] }] }, true],
  ["map over a non-array", { map: [{ var: "nope" }, 1] }, []],
  ["literal", "literal", "literal"],
  ["array of rules", [1, { var: "a" }], [1, 1]],
  ["empty object is data", {}, {}],
  ["starts_with", { starts_with: [{ var: "s" }, "hello"] }, true],
  ["ends_with", { ends_with: [{ var: "s" }, "world"] }, true],
  ["starts_with a number is null", { starts_with: [{ var: "a" }, "1"] }, null],
  ["ends_with with one argument is null", { ends_with: ["xyz"] }, null],
  ["sem_ver", { sem_ver: ["1.2.3", ">=", "1.2.0"] }, true],
];

describe("JSONLogic operations", () => {
  it.each(cases)("%s", (_name, rule, want) => {
    expect(run(rule)).toEqual(want);
  });
});

describe("var and prototypes", () => {
  it("reads an own __proto__ key (JSON.parse makes one) but never the prototype", () => {
    const ctx = JSON.parse('{ "__proto__": 5, "nested": { "__proto__": "x" } }') as unknown;
    expect(run({ var: "__proto__" }, ctx)).toBe(5);
    expect(run({ var: "nested.__proto__" }, ctx)).toBe("x");
    expect(run({ var: "nested.constructor" }, ctx)).toBeNull();
  });
});

describe("context enrichment", () => {
  it("reads $flagd.flagKey and $flagd.timestamp (seconds) at the root", () => {
    expect(run({ var: "$flagd.flagKey" })).toBe("my-flag");
    expect(run({ var: "$flagd.timestamp" })).toBe(1_700_000_000);
    expect(run({ var: "$flagd" })).toEqual({ flagKey: "my-flag", timestamp: 1_700_000_000 });
    expect(run({ "<": [{ var: "$flagd.timestamp" }, 1_800_000_000] })).toBe(true);
  });

  it("overrides a $flagd the caller's context brings", () => {
    expect(run({ var: "$flagd.flagKey" }, { $flagd: { flagKey: "spoofed" } })).toBe("my-flag");
  });

  it("reads the clock once per evaluation, and only when the rule asks", () => {
    let calls = 0;
    const now = () => (calls++, 5_000);
    expect(run({ cat: [{ var: "$flagd.timestamp" }, "-", { var: "$flagd.timestamp" }] }, {}, "k", now)).toBe("5-5");
    expect(calls).toBe(1);
    run({ var: "a" }, {}, "k", now);
    expect(calls).toBe(1);
  });
});

describe("compile faults", () => {
  it("rejects an unknown operation with its path", () => {
    const res = compileRule({ if: [{ nope: [1] }, "a"] }, { path: "flags.x.targeting" });
    expect(res).toMatchObject({ ok: false, fault: { path: "flags.x.targeting.if[0]", message: 'unknown operation "nope"' } });
  });

  it("rejects a multi-key object, as flagd-core's engine does", () => {
    expect(compileRule({ a: 1, b: 2 })).toMatchObject({ ok: false, fault: { message: expect.stringMatching(/one key/) } });
  });

  it("resolves $ref, reports a missing evaluator and a cycle", () => {
    const evaluators = { beta: { in: [{ var: "email" }, ["a@x", "b@x"]] }, loop: { $ref: "loop2" }, loop2: { $ref: "loop" } };
    const ok = compileRule({ if: [{ $ref: "beta" }, "on", "off"] }, { evaluators });
    expect(ok.ok && ok.node({ email: "a@x" }, { ctx: {}, flagKey: "k", ts: -1, now: Date.now })).toBe("on");
    expect(compileRule({ $ref: "gone" }, { evaluators, path: "t" })).toMatchObject({ ok: false, fault: { path: "t.$ref", message: '$ref to unknown evaluator "gone"' } });
    expect(compileRule({ $ref: "loop" }, { evaluators })).toMatchObject({ ok: false, fault: { message: "$ref cycle: loop -> loop2 -> loop" } });
  });

  it("bounds nesting depth instead of overflowing the stack", () => {
    let deep: unknown = true;
    for (let i = 0; i < 100_000; i++) deep = { "!": [deep] };
    expect(compileRule(deep)).toMatchObject({ ok: false, fault: { message: `rule nested deeper than ${MAX_RULE_DEPTH} levels` } });
    let ok: unknown = true;
    for (let i = 0; i < 40; i++) ok = { "!": [ok] };
    expect(run(ok)).toBe(true);
  });

  it("bounds $ref fan-out (each evaluator referencing the next twice)", () => {
    const evaluators: Record<string, unknown> = { e0: { var: "a" } };
    for (let i = 1; i < 40; i++) evaluators[`e${i}`] = { and: [{ $ref: `e${i - 1}` }, { $ref: `e${i - 1}` }] };
    expect(compileRule({ $ref: "e39" }, { evaluators })).toMatchObject({ ok: false, fault: { message: expect.stringMatching(/larger than/) } });
  });
});
