// Bundles one entry module the way an app's production build would — rollup, node-resolve with
// the browser condition, commonjs, NODE_ENV replaced by "production", terser, React external —
// and measures it: minified bytes and gzip bytes (node:zlib, level 9). Every SDK, ours and the
// peers', goes through this same function.
//
// Our packages are bundled from src through the transpile plugin rollup.config.mjs builds dist
// with (scripts/transpile-plugin.mjs), so no build step has to run first.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import commonjs from "@rollup/plugin-commonjs";
import terser from "@rollup/plugin-terser";
import { transpile } from "../../scripts/transpile-plugin.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRY_ID = "\0bench-entry";
const EXTERNAL = /^(react|react-dom)(\/.*)?$/;

/** `@victor-flags/<pkg>` → packages/<pkg>/src/index.ts, when that file exists. */
export function sourceEntryOf(pkg, subpath) {
  for (const ext of [".ts", ".tsx"]) {
    const file = join(ROOT, "packages", pkg, "src", (subpath ?? "index") + ext);
    if (existsSync(file)) return file;
  }
  return null;
}

function virtualEntry(code) {
  return {
    name: "bench-entry",
    resolveId: (id) => (id === ENTRY_ID ? id : null),
    load: (id) => (id === ENTRY_ID ? code : null),
  };
}

// Transpiled sources and rollup's module cache, shared by every build of one process: the
// budgeted entries share most modules, so only the first build pays for parsing them.
const transpiled = new Map();
let rollupCache;

/** `@victor-flags/<pkg>` → its src entry; the shared transpile plugin takes it from there. */
function victorFromSource() {
  return {
    name: "victor-from-source",
    resolveId(source) {
      const m = /^@victor-flags\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(source);
      if (!m) return null;
      const file = sourceEntryOf(m[1], m[2]);
      if (!file) throw new Error(`${source}: packages/${m[1]}/src/${m[2] ?? "index"}.ts does not exist`);
      return file;
    },
  };
}

/** What a bundler's define/replace does for production builds. */
function productionEnv() {
  return {
    name: "production-env",
    transform(code) {
      if (!code.includes("process.env.NODE_ENV")) return null;
      return { code: code.replaceAll("process.env.NODE_ENV", '"production"'), map: null };
    },
  };
}

/** Project-relative module name for reports ("packages/core/src/x.ts", "node_modules/pkg/..."). */
function shortId(id) {
  const clean = id.replace(/^\0/, "").replace(/\?.*$/, "");
  const i = clean.lastIndexOf("node_modules/");
  if (i >= 0) return clean.slice(i);
  return clean.startsWith(ROOT) ? clean.slice(ROOT.length + 1) : clean;
}

/**
 * Chunks of an output split into what a page loads up front — the entry and everything it
 * imports statically — and what it loads only through a dynamic `import()`.
 */
function splitInitial(output) {
  const chunks = output.filter((o) => o.type === "chunk");
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set();
  const visit = (chunk) => {
    if (!chunk || initial.has(chunk)) return;
    initial.add(chunk);
    for (const dep of chunk.imports) visit(byName.get(dep));
  };
  for (const c of chunks) if (c.isEntry) visit(c);
  return { initial: [...initial], lazy: chunks.filter((c) => !initial.has(c)) };
}

const sizeOf = (chunks) => ({
  minified: chunks.reduce((a, c) => a + Buffer.byteLength(c.code), 0),
  // each chunk is a file of its own, compressed on its own
  gzip: chunks.reduce((a, c) => a + gzipSync(c.code, { level: 9 }).length, 0),
});

/**
 * Bundles `code` (an ES module that imports and re-exports what the app uses) and measures it:
 * { minified, gzip } of what loads up front, { lazy: { minified, gzip } } of chunks behind a
 * dynamic import(), and modules: [{ id, bytes, lazy }] — each module's rendered size after
 * tree-shaking and before minification, largest first.
 */
export async function measure(code) {
  const bundle = await rollup({
    input: ENTRY_ID,
    cache: rollupCache,
    external: (id) => EXTERNAL.test(id),
    treeshake: { preset: "recommended" },
    plugins: [
      virtualEntry(code),
      victorFromSource(),
      transpile({ cache: transpiled }),
      productionEnv(),
      nodeResolve({ browser: true, exportConditions: ["browser", "import", "module", "default"], extensions: [".mjs", ".js", ".json"] }),
      commonjs(),
    ],
    onwarn(warning, warn) {
      if (warning.code === "THIS_IS_UNDEFINED" || warning.code === "CIRCULAR_DEPENDENCY" || warning.code === "MODULE_LEVEL_DIRECTIVE") return;
      warn(warning);
    },
  });
  rollupCache = bundle.cache;
  try {
    const raw = splitInitial((await bundle.generate({ format: "es" })).output);
    const modules = [...raw.initial.map((c) => [c, false]), ...raw.lazy.map((c) => [c, true])]
      .flatMap(([chunk, lazy]) => Object.entries(chunk.modules).map(([id, m]) => ({ id: shortId(id), bytes: m.renderedLength, lazy })))
      .filter((m) => m.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    const min = splitInitial((await bundle.generate({ format: "es", plugins: [terser({ format: { comments: false } })] })).output);
    if (process.env.VF_DUMP_BUNDLE) for (const c of min.initial) console.log(c.code);
    return { ...sizeOf(min.initial), lazy: sizeOf(min.lazy), modules };
  } finally {
    await bundle.close();
  }
}
