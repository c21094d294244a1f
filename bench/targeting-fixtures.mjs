// The flagd document, contexts and rule the targeting bench times (bench/targeting.bench.mjs).

/** Beta testers in the Benelux on app version >= 2.3.0 get the feature; 10 % of everyone else too. */
export const DOCUMENT = {
  $evaluators: {
    betaTester: { in: [{ var: "email" }, ["ana@example.com", "bo@example.com", "cy@example.com", "dee@example.com", "ed@example.com"]] },
  },
  flags: {
    "new-checkout": {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: {
        if: [
          { and: [{ in: [{ var: "country" }, ["nl", "be", "lu"]] }, { sem_ver: [{ var: "appVersion" }, ">=", "2.3.0"] }, { $ref: "betaTester" }] },
          "on",
          { fractional: [["on", 10], ["off", 90]] },
        ],
      },
    },
    "static-flag": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" },
  },
};

/** Each timed case: flag, the context passed on every call, and the value both engines must give. */
export const CONTEXTS = {
  "targeted, rule matches": { key: "new-checkout", context: { targetingKey: "user-7", email: "bo@example.com", country: "nl", appVersion: "2.4.1" }, want: true },
  "targeted, falls to fractional": { key: "new-checkout", context: { targetingKey: "user-7", email: "zed@example.com", country: "de", appVersion: "2.4.1" }, want: false },
  "no targeting (static)": { key: "static-flag", context: { targetingKey: "user-7" }, want: true },
};

/** A rule alone, for the JSONLogic engine comparison: plain JSONLogic (semver is timed on its own). */
export const RULE = {
  if: [
    { and: [{ in: [{ var: "country" }, ["nl", "be", "lu"]] }, { ">=": [{ var: "app.build" }, 230] }, { "==": [{ var: "plan" }, "beta"] }] },
    "on",
    "off",
  ],
};
export const RULE_DATA = { country: "nl", plan: "beta", app: { build: 241 } };

/** [version, op, version] pairs for the semver comparison: plain, prerelease, build metadata. */
export const SEMVER_PAIRS = [
  ["2.4.1", ">=", "2.3.0"],
  ["1.0.0", ">=", "1.0.0"],
  ["2.0.0-rc.1", ">=", "2.0.0"],
  ["10.2.0", ">=", "9.11.3"],
  ["3.0.0-beta.11", ">=", "3.0.0-beta.2"],
  ["1.0.0+build.5", ">=", "1.0.0"],
  ["0.9.12", ">=", "0.10.0"],
  ["4.1.0", ">=", "4.1.0-alpha"],
];
