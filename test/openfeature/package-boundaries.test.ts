// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every `import`/`export ... from "<spec>"` statement of a file, with its text. */
function importsOf(file: string): { statement: string; spec: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)";/gms)].map((m) => ({ statement: m[0], spec: m[1]! }));
}

describe("package boundaries", () => {
  it("@victor-flags/openfeature takes only types from the OpenFeature SDKs, so it loads with either one alone", () => {
    const offending = sources(join(root, "packages/openfeature/src")).flatMap((file) =>
      importsOf(file)
        .filter(({ statement, spec }) => spec.startsWith("@openfeature/") && !/^(?:import|export)\s+type\s/.test(statement))
        .map(({ statement }) => `${file}: ${statement}`),
    );
    expect(offending).toEqual([]);
  });

  it("neither the core nor the React package imports anything OpenFeature", () => {
    const offending = ["packages/core/src", "packages/react/src"].flatMap((dir) =>
      sources(join(root, dir)).flatMap((file) =>
        importsOf(file)
          .filter(({ spec }) => spec.startsWith("@openfeature/") || spec.startsWith("@victor-flags/openfeature"))
          .map(({ statement }) => `${file}: ${statement}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});
