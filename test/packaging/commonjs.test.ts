// Every entry loads with require() where Node cannot require() an ES module
// (`--no-experimental-require-module`, as on Node < 20.19 and in older tools), and with import().
import { beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, requireBuild, run } from "./helpers";

beforeAll(requireBuild);

const entries = publishedPackages().flatMap((pkg) =>
  Object.keys(pkg.json.exports ?? {})
    .filter((subpath) => subpath !== "./package.json" && !subpath.endsWith(".json"))
    .map((subpath) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`)),
);

describe("CommonJS and ES module entries", () => {
  it.each(entries)("%s loads with require() without require(esm), and with import()", (specifier) => {
    const cjs = run(process.execPath, ["--no-experimental-require-module", "-e", `console.log(Object.keys(require(${JSON.stringify(specifier)})).sort().join(","))`]);
    const esm = run(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).filter((k) => k !== "default").sort().join(","))`]);
    expect(cjs.trim()).not.toBe("");
    // Both builds export the same names.
    expect(cjs.trim()).toBe(esm.trim());
  });

  it("the CommonJS core makes anonymous ids and buckets like the ES module build (nanoid bundled, not required)", () => {
    const script = (load: string) => `${load}
      const storage = m.createMemoryStorage();
      const id = m.getAnonymousId(storage);
      const manager = new m.FeatureFlagManager({ config: { version: 1, flags: { half: { default: false, rollout: { percentage: 50 } } } }, context: { userId: "user-17" } });
      console.log(JSON.stringify({ idLength: id.length, again: m.getAnonymousId(storage) === id, half: manager.isEnabled("half") }));`;
    const cjs = run(process.execPath, ["--no-experimental-require-module", "-e", script(`const m = require("@victor-flags/core");`)]);
    const esm = run(process.execPath, ["--input-type=module", "-e", script(`const m = await import("@victor-flags/core");`)]);
    expect(JSON.parse(cjs)).toEqual({ idLength: 21, again: true, half: expect.any(Boolean) });
    expect(JSON.parse(cjs)).toEqual(JSON.parse(esm));
    expect(run(process.execPath, ["-e", `console.log(require.resolve("@victor-flags/core"))`])).toMatch(/dist\/index\.cjs/);
  });
});
