// What `npm publish` would ship: each tarball has its README and LICENSE, the ESM and CommonJS
// builds with their own types, no sources, and package.json declares engines.
import { beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, requireBuild, run } from "./helpers";

beforeAll(requireBuild);

interface PackResult {
  files: { path: string }[];
}

describe.each(publishedPackages().map((p) => [p.name, p] as const))("%s tarball", (_name, pkg) => {
  const files = (): string[] => {
    const [result] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkg.dir })) as PackResult[];
    return result!.files.map((f) => f.path);
  };

  it("ships README.md, LICENSE and both builds of every entry with their types, and no sources", () => {
    const shipped = files();
    expect(shipped).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json"]));
    for (const [subpath, target] of Object.entries(pkg.json.exports ?? {})) {
      if (typeof target === "string") {
        expect(shipped, `${subpath} → ${target}`).toContain(target.replace(/^\.\//, ""));
        continue;
      }
      const { import: esm, require: cjs } = target as Record<string, { types: string; default: string } | string | undefined>;
      // Flat { types, import, require } hands CommonJS users the ES-module types (TS1479, attw "masquerading as ESM").
      if (typeof esm !== "object" || typeof cjs !== "object") {
        expect.fail(`exports["${subpath}"] must be { import: { types: "*.d.ts", default: "*.js" }, require: { types: "*.d.cts", default: "*.cjs" } }`);
      }
      for (const file of [esm!.types, esm!.default, cjs!.types, cjs!.default]) expect(shipped, `${subpath} → ${file}`).toContain(file.replace(/^\.\//, ""));
      expect(cjs!.types).toMatch(/\.d\.cts$/);
    }
    expect(shipped.filter((f) => f.startsWith("src/"))).toEqual([]);
  });

  it("declares the Node versions it runs on", () => {
    expect(pkg.json.engines?.node).toMatch(/^>=\d+/);
  });
});
