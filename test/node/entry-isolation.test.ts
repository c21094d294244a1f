// An app that imports neither the test utilities nor the devtools pays nothing for them: bundle
// typical app imports from src with rollup (tree-shaking as an app build does) and check which
// of our modules end up in the output.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rollup, type OutputChunk } from "rollup";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = "\0app-entry";

/** Our modules (project-relative) in each output chunk, for an entry module with `code`. */
async function bundle(code: string): Promise<{ entry: string[]; lazy: string[] }> {
  const build = await rollup({
    input: ENTRY,
    external: (id) => /^(react|react-dom|use-sync-external-store|nanoid)(\/.*)?$/.test(id),
    treeshake: { preset: "recommended" },
    plugins: [
      {
        name: "victor-from-src",
        resolveId(source, importer) {
          if (source === ENTRY) return source;
          const m = /^@victor-flags\/([a-z]+)(?:\/([a-z-]+))?$/.exec(source);
          const base = m ? join(root, "packages", m[1]!, "src", m[2] ?? "index") : importer && source.startsWith(".") ? join(importer, "..", source.replace(/\.js$/, "")) : undefined;
          if (base === undefined) return null;
          for (const ext of [".ts", ".tsx", "/index.ts"]) if (existsSync(base + ext)) return base + ext;
          throw new Error(`cannot resolve ${source}`);
        },
        load: (id) => (id === ENTRY ? code : null),
        transform(source, id) {
          if (!/\.tsx?$/.test(id)) return null;
          const out = ts.transpileModule(source, {
            fileName: id,
            compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.ReactJSX, verbatimModuleSyntax: true },
          });
          return { code: out.outputText, map: null };
        },
      },
    ],
  });
  const { output } = await build.generate({ format: "es" });
  await build.close();
  const ours = (chunk: OutputChunk) =>
    Object.entries(chunk.modules)
      .filter(([id, m]) => id.startsWith(root) && m.renderedLength > 0)
      .map(([id]) => id.slice(root.length));
  const chunks = output.filter((o): o is OutputChunk => o.type === "chunk");
  // What a page loads up front: the entry and every chunk it imports statically; the rest is
  // behind a dynamic import().
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set<OutputChunk>();
  const visit = (c: OutputChunk | undefined): void => {
    if (!c || initial.has(c)) return;
    initial.add(c);
    for (const dep of c.imports) visit(byName.get(dep));
  };
  for (const c of chunks) if (c.isEntry) visit(c);
  return { entry: [...initial].flatMap(ours), lazy: chunks.filter((c) => !initial.has(c)).flatMap(ours) };
}

const TEST_AND_DEVTOOLS = /packages\/(react\/src\/(devtools|testing|test-flag-provider)|core\/src\/(testing|test-manager|qa-testing))/;

describe("what an app bundles", { timeout: 60_000 }, () => {
  it("the usual React app import contains no test utility and no devtools module", async () => {
    const { entry, lazy } = await bundle(`export { FlagProvider, useFlag, useVariant, FeatureGate } from "@victor-flags/react";`);
    expect(entry).toContain("packages/react/src/flag-provider.tsx");
    expect(entry.filter((id) => TEST_AND_DEVTOOLS.test(id))).toEqual([]);
    expect(lazy.filter((id) => TEST_AND_DEVTOOLS.test(id))).toEqual([]);
    // The network engine and the QA code load with import(); the manager never loads up front.
    expect(lazy).toContain("packages/core/src/remote/remote-engine.ts");
    expect(entry).not.toContain("packages/core/src/feature-flag-manager.ts");
  });

  it("everything the core and React entries export still excludes them", async () => {
    for (const pkg of ["core", "react"]) {
      const { entry } = await bundle(`export * from "@victor-flags/${pkg}";`);
      expect(entry.filter((id) => TEST_AND_DEVTOOLS.test(id))).toEqual([]);
    }
  });

  it("a static-config app does not pay for QA overrides either", async () => {
    const { entry } = await bundle(`export { StaticFlagProvider, useFlag } from "@victor-flags/react";`);
    expect(entry.filter((id) => /qa|devtools|test/.test(id))).toEqual([]);
  });

  it("importing the devtools adds only a small shell; the panel is a lazily loaded chunk", async () => {
    const { entry, lazy } = await bundle(`export { FlagProvider, useFlag } from "@victor-flags/react"; export { FlagDevtools } from "@victor-flags/react/devtools";`);
    expect(entry.filter((id) => id.includes("devtools"))).toEqual(["packages/react/src/devtools/exposure-counter.ts", "packages/react/src/devtools.tsx"]);
    expect(lazy).toContain("packages/react/src/devtools/panel.tsx");
    expect(lazy).toContain("packages/react/src/devtools/flags-tab.tsx");
  });
});
