// Builds every package under packages/ to ESM + CJS + .d.ts. Entries come from each package's
// own "exports" map (and "bin"), so adding an entry point never means editing this file.
import { readFileSync, readdirSync, existsSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { dts } from "rollup-plugin-dts";
import { resolveTsImport, transpile } from "./scripts/transpile-plugin.mjs";

const only = process.env.VF_PACKAGES ? process.env.VF_PACKAGES.split(",") : null;

/** Marks a package's `bin` outputs executable, so a workspace `.bin` link runs without npm re-linking. */
function executableBins(pkg) {
  const bins = new Set((typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {})).map((b) => b.replace(/^\.\/dist\//, "")));
  return {
    name: "executable-bins",
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) if (bins.has(file)) chmodSync(join(options.dir, file), 0o755);
    },
  };
}

/**
 * Entries that hold client components (context, hooks, effects): their files start with
 * `"use client"`, so a React Server Components bundler (Next.js App Router) treats everything
 * they export as client references instead of failing on `createContext` on the server.
 * A directive inside a source module would be dropped by rollup, so it is added here. A client
 * entry that no "exports" key names (server-flag-provider) is built too: another entry imports it
 * by relative path, which keeps its directive at the boundary.
 */
const CLIENT_ENTRIES = { react: ["index", "testing", "devtools", "qa", "targeting", "server-flag-provider"] };

function useClientBanner(packageName) {
  const names = new Set(CLIENT_ENTRIES[packageName] ?? []);
  return (chunk) => (chunk.isEntry && names.has(chunk.name) ? '"use client";' : "");
}

/**
 * Keeps a client entry whole when a server entry imports it (server.ts → server-flag-provider):
 * the import stays a reference to the entry's own file, whose first line is "use client",
 * instead of rollup moving the component into a shared chunk without the directive.
 */
function clientBoundaries(packageName, format) {
  const names = new Set(CLIENT_ENTRIES[packageName] ?? []);
  const ext = format === "cjs" ? ".cjs" : ".js";
  return {
    name: "client-boundaries",
    resolveId(source, importer) {
      const resolved = resolveTsImport(source, importer);
      if (!resolved || !importer) return null;
      const name = resolved.replace(/^.*[\\/]src[\\/]/, "").replace(/\.tsx?$/, "");
      const importerName = importer.replace(/^.*[\\/]src[\\/]/, "").replace(/\.tsx?$/, "");
      if (!names.has(name) || names.has(importerName) || importerName.includes("/")) return null;
      return { id: `./${name}${ext}`, external: true };
    },
  };
}

/**
 * Dependencies published as ES modules only (nanoid 5). The CommonJS build bundles them, so
 * `require("@victor-flags/core")` also works where Node cannot `require()` an ES module
 * (`--no-experimental-require-module`, Node < 20.19, older bundlers and test runners).
 */
function esmOnly(dir, deps) {
  return deps.filter((dep) => {
    const path = [join(dir, "node_modules", dep, "package.json"), join("node_modules", dep, "package.json")].find((p) => existsSync(p));
    if (!path) return false;
    const meta = JSON.parse(readFileSync(path, "utf8"));
    return meta.type === "module" && !JSON.stringify(meta.exports ?? {}).includes('"require"') && !/\.cjs$/.test(meta.main ?? "");
  });
}

/**
 * Writes a `.d.cts` twin of every declaration file (imports renamed `.js` → `.cjs`), so a
 * CommonJS consumer under `--module node16` reads CommonJS types, not ES-module ones (TS1479).
 */
function commonJsTypes() {
  return {
    name: "commonjs-types",
    writeBundle(options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== "chunk" || !file.endsWith(".d.ts")) continue;
        const code = chunk.code.replace(/(from\s+['"]\.{1,2}\/[^'"]+)\.js(['"])/g, "$1.cjs$2");
        writeFileSync(join(options.dir, file.replace(/\.d\.ts$/, ".d.cts")), code);
      }
    },
  };
}

function entriesOf(dir, pkg, { bins: withBins = true } = {}) {
  const entries = {};
  const add = (target) => {
    if (target && typeof target === "object") return Object.values(target).forEach(add);
    if (typeof target !== "string" || !target.startsWith("./dist/")) return;
    const name = target.slice("./dist/".length).replace(/\.(c?js|d\.c?ts)$/, "");
    for (const ext of [".ts", ".tsx"]) {
      const src = join(dir, "src", name + ext);
      if (existsSync(src)) entries[name] = src;
    }
  };
  for (const name of CLIENT_ENTRIES[dir.split(/[\\/]/).pop()] ?? []) add(`./dist/${name}.js`);
  add(pkg.exports ?? {});
  const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
  if (withBins) for (const bin of bins) add(bin);
  return entries;
}

const configs = [];
for (const name of readdirSync("packages")) {
  const dir = join("packages", name);
  const pkgPath = join(dir, "package.json");
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  if (only && !only.includes(name)) continue;
  const input = entriesOf(dir, pkg);
  if (Object.keys(input).length === 0) continue;
  // Chunk names carry a content hash: without this, every rebuild would leave the previous
  // chunks in dist and `npm publish` would ship them.
  rmSync(join(dir, "dist", "chunks"), { recursive: true, force: true });
  const deps = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...builtinModules,
  ];
  const external = (id) =>
    id.startsWith("node:") || deps.some((d) => id === d || id.startsWith(d + "/"));
  const onwarn = (warning, warn) => {
    if (warning.code === "CIRCULAR_DEPENDENCY") throw new Error(warning.message);
    warn(warning);
  };
  const banner = useClientBanner(name);
  const bundledInCjs = esmOnly(dir, Object.keys(pkg.dependencies ?? {}));
  configs.push({
    input,
    external,
    plugins: [clientBoundaries(name, "es"), transpile({ sourceMap: true }), executableBins(pkg)],
    output: { dir: join(dir, "dist"), format: "es", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js", sourcemap: true, banner },
    onwarn,
  });
  configs.push({
    input,
    external: (id) => !bundledInCjs.some((d) => id === d || id.startsWith(d + "/")) && external(id),
    // The browser build of an ES-only dependency needs only globals (nanoid: crypto.getRandomValues, global since Node 19).
    plugins: [clientBoundaries(name, "cjs"), transpile({ sourceMap: true }), ...(bundledInCjs.length ? [nodeResolve({ resolveOnly: bundledInCjs, exportConditions: ["browser"], browser: true })] : [])],
    output: { dir: join(dir, "dist"), format: "cjs", entryFileNames: "[name].cjs", chunkFileNames: "chunks/[name]-[hash].cjs", sourcemap: true, exports: "named", banner },
    onwarn,
  });
  configs.push({
    input: entriesOf(dir, pkg, { bins: false }),
    external,
    plugins: [dts({ tsconfig: "tsconfig.build.json" }), commonJsTypes()],
    output: { dir: join(dir, "dist"), format: "es", entryFileNames: "[name].d.ts", chunkFileNames: "chunks/[name]-[hash].d.ts" },
  });
}

export default configs;
