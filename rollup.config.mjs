// Builds every package under packages/ to ESM + CJS + .d.ts. Entries come from each package's
// own "exports" map (and "bin"), so adding an entry point never means editing this file.
import { readFileSync, readdirSync, existsSync, chmodSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { dts } from "rollup-plugin-dts";
import { transpile } from "./scripts/transpile-plugin.mjs";

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

function entriesOf(dir, pkg) {
  const entries = {};
  const add = (target) => {
    if (typeof target !== "string" || !target.startsWith("./dist/")) return;
    const name = target.slice("./dist/".length).replace(/\.(c?js|d\.ts)$/, "");
    for (const ext of [".ts", ".tsx"]) {
      const src = join(dir, "src", name + ext);
      if (existsSync(src)) entries[name] = src;
    }
  };
  for (const value of Object.values(pkg.exports ?? {})) {
    if (typeof value === "string") add(value);
    else if (value && typeof value === "object") for (const v of Object.values(value)) add(v);
  }
  const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
  for (const bin of bins) add(bin);
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
  configs.push({
    input,
    external,
    plugins: [transpile({ sourceMap: true }), executableBins(pkg)],
    output: [
      { dir: join(dir, "dist"), format: "es", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js", sourcemap: true },
      { dir: join(dir, "dist"), format: "cjs", entryFileNames: "[name].cjs", chunkFileNames: "chunks/[name]-[hash].cjs", sourcemap: true, exports: "named" },
    ],
    onwarn(warning, warn) {
      if (warning.code === "CIRCULAR_DEPENDENCY") throw new Error(warning.message);
      warn(warning);
    },
  });
  configs.push({
    input,
    external,
    plugins: [dts({ tsconfig: "tsconfig.build.json" })],
    output: { dir: join(dir, "dist"), format: "es", entryFileNames: "[name].d.ts", chunkFileNames: "chunks/[name]-[hash].d.ts" },
  });
}

export default configs;
