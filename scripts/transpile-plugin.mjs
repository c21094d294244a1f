// The one TypeScript-to-JavaScript step for rollup: the package build (rollup.config.mjs) and the
// bench's size bundles (bench/lib/bundle.mjs) both use it, so what the bench measures is made the
// way dist is made.
import { existsSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** A relative import from a .ts/.tsx module (`./x.js`, `./x`, `./dir`) → the .ts/.tsx file it names, if any. */
export function resolveTsImport(source, importer) {
  if (!importer || !source.startsWith(".") || !/\.tsx?$/.test(importer)) return null;
  if (/\.(ts|tsx)$/.test(source)) return null;
  const base = join(importer, "..", source.replace(/\.js$/, ""));
  for (const ext of [".ts", ".tsx", "/index.ts"]) if (existsSync(base + ext)) return base + ext;
  return null;
}

/**
 * Strip types with TypeScript's own transpiler; type-checking is `tsc --noEmit`'s job. `cache`
 * (a Map) keeps transpiled output across builds of one process.
 */
export function transpile({ sourceMap = false, cache } = {}) {
  return {
    name: "transpile-ts",
    resolveId: resolveTsImport,
    transform(code, id) {
      if (!/\.tsx?$/.test(id)) return null;
      const key = cache && `${id}\0${code}`;
      if (cache?.has(key)) return cache.get(key);
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ES2020,
          module: ts.ModuleKind.ESNext,
          jsx: ts.JsxEmit.ReactJSX,
          sourceMap,
          verbatimModuleSyntax: true,
        },
      });
      const result = { code: out.outputText, map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null };
      cache?.set(key, result);
      return result;
    },
  };
}
