// The steps `npm start` runs before serving: install, build the packages, build the app. Each
// step runs only when its output is missing or older than its inputs, so a second start is fast.
// Node built-ins only: this runs before `npm ci` may have happened.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const appRoot = fileURLToPath(new URL("../", import.meta.url));
export const clientDist = join(appRoot, "dist");
export const serverDist = join(appRoot, "dist-server");
export const ssrEntry = join(serverDist, "entry-server.js");

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Newest modification time (ms) of the files under `paths`; 0 when none exists. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules" && entry !== "dist") visit(join(path, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const path of paths) visit(path);
  return newest;
}

/** Oldest modification time of `files`; 0 when any is missing (so the step runs). */
function oldestMtime(files) {
  let oldest = Infinity;
  for (const file of files) {
    if (!existsSync(file)) return 0;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  return oldest;
}

function run(label, args, log, env = {}) {
  log(`== ${label}: npm ${args.join(" ")}`);
  const result = spawnSync(npm, args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${label} failed (npm ${args.join(" ")} exited with ${result.status ?? result.signal})`);
}

/** `npm ci` when node_modules is missing (a fresh clone). */
export function ensureInstalled(log = console.log) {
  if (existsSync(join(repoRoot, "node_modules", ".package-lock.json"))) return false;
  run("node_modules missing", ["ci", "--no-audit", "--no-fund"], log);
  return true;
}

/** The built files the example needs from each package. */
const packageOutputs = [
  "packages/core/dist/index.js",
  "packages/react/dist/index.js",
  "packages/node/dist/index.js",
  "packages/node/dist/cli.js",
].map((p) => join(repoRoot, p));

/** `npm run build` when a package's dist is missing or older than its sources. */
export function ensurePackagesBuilt(log = console.log) {
  const inputs = newestMtime(["core", "react", "node"].flatMap((p) => [join(repoRoot, "packages", p, "src"), join(repoRoot, "packages", p, "package.json")]).concat(join(repoRoot, "rollup.config.mjs")));
  if (oldestMtime(packageOutputs) >= inputs) return false;
  // Only the packages the example runs on (the rollup config reads VF_PACKAGES).
  run("packages out of date", ["run", "build"], log, { VF_PACKAGES: "core,react,node" });
  return true;
}

/** Inputs of the app build: its sources and the package builds it bundles. */
function appInputs() {
  return newestMtime([
    join(appRoot, "src"),
    join(appRoot, "index.html"),
    join(appRoot, "ssr.html"),
    join(appRoot, "vite.config.mjs"),
    // Every entry the app may import (index, devtools, ...).
    join(repoRoot, "packages/core/dist"),
    join(repoRoot, "packages/react/dist"),
  ]);
}

/** Builds the browser bundle and the server-rendering bundle with Vite when they are stale. */
export async function ensureAppBuilt(log = console.log) {
  const outputs = [join(clientDist, "index.html"), join(clientDist, "ssr.html"), ssrEntry];
  if (oldestMtime(outputs) >= appInputs()) return false;
  log("== building the example app (vite build)");
  // Vite is a devDependency of the workspace: import it only now that the install step ran.
  const { build } = await import("vite");
  const configFile = join(appRoot, "vite.config.mjs");
  await build({ root: appRoot, configFile, logLevel: "warn" });
  await build({ root: appRoot, configFile, logLevel: "warn", build: { ssr: "src/ssr/entry-server.tsx", outDir: "dist-server", emptyOutDir: true, copyPublicDir: false } });
  return true;
}
