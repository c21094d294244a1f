#!/usr/bin/env node
// The release flow: `version` sets one version on every package and opens its CHANGELOG section,
// `publish` builds and publishes every package in dependency order (core first). Node built-ins
// and the npm CLI only. See docs/release.md.
//
//   node scripts/release.mjs version 0.2.0              bump packages/*, internal pins, CHANGELOG, lockfile
//   node scripts/release.mjs publish [--registry URL] [--tag next] [--dry-run] [--skip-build]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The packages under packages/, in publish order: each after the @victor-flags packages it depends on. */
export function packagesInOrder(root) {
  const all = readdirSync(join(root, "packages"))
    .map((name) => join(root, "packages", name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, json: readJson(join(dir, "package.json")) }));
  const byName = new Map(all.map((p) => [p.json.name, p]));
  const ordered = [];
  const visit = (pkg, path = []) => {
    if (ordered.includes(pkg)) return;
    if (path.includes(pkg.json.name)) fail(`dependency cycle: ${[...path, pkg.json.name].join(" -> ")}`);
    for (const dep of Object.keys({ ...pkg.json.dependencies, ...pkg.json.peerDependencies })) {
      if (byName.has(dep)) visit(byName.get(dep), [...path, pkg.json.name]);
    }
    ordered.push(pkg);
  };
  for (const pkg of all) visit(pkg);
  return ordered;
}

/** Sets `version` on every package and every internal dependency pin; opens its CHANGELOG section. */
function version(root, next, { lockfile }) {
  if (!SEMVER.test(next ?? "")) fail(`version needs a semver such as 0.2.0, got ${JSON.stringify(next)}`);
  const packages = packagesInOrder(root);
  const names = new Set(packages.map((p) => p.json.name));
  const manifests = [...packages.map((p) => join(p.dir, "package.json"))];
  for (const dir of ["examples", "bench"]) {
    const base = join(root, dir);
    if (!existsSync(base)) continue;
    if (existsSync(join(base, "package.json"))) manifests.push(join(base, "package.json"));
    for (const name of readdirSync(base)) if (existsSync(join(base, name, "package.json"))) manifests.push(join(base, name, "package.json"));
  }
  for (const file of manifests) {
    const json = readJson(file);
    if (names.has(json.name)) json.version = next;
    for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
      for (const dep of Object.keys(json[field] ?? {})) if (names.has(dep)) json[field][dep] = next;
    }
    writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  }
  const changelog = join(root, "CHANGELOG.md");
  const text = existsSync(changelog) ? readFileSync(changelog, "utf8") : "# Changelog\n\n## Unreleased\n";
  if (text.includes(`\n## ${next} `)) fail(`CHANGELOG.md already has a ${next} section`);
  if (!text.includes("\n## Unreleased")) fail('CHANGELOG.md has no "## Unreleased" section to release');
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(changelog, text.replace("\n## Unreleased\n", `\n## Unreleased\n\n## ${next} — ${date}\n`));
  if (lockfile) {
    // The lockfile records workspace versions: keep `npm ci` working after the bump.
    const res = spawnSync(npm, ["install", "--package-lock-only", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
    if (res.status !== 0) fail("npm install --package-lock-only failed");
  }
  console.log(`release: every package is now ${next}; write the changes under "## ${next}" in CHANGELOG.md, commit, then publish`);
}

/** True when `name@version` is already on the registry (a re-run after a partial publish skips it). */
function published(name, ver, registry) {
  const args = ["view", `${name}@${ver}`, "version", ...(registry ? ["--registry", registry] : [])];
  const res = spawnSync(npm, args, { encoding: "utf8" });
  return res.status === 0 && res.stdout.trim() === ver;
}

function publish(root, { registry, tag, dryRun, skipBuild }) {
  const packages = packagesInOrder(root);
  const versions = new Set(packages.map((p) => p.json.version));
  if (versions.size !== 1) fail(`packages disagree on the version (${[...versions].join(", ")}): run \`node scripts/release.mjs version X.Y.Z\``);
  const [ver] = versions;
  for (const p of packages) {
    for (const [dep, range] of Object.entries({ ...p.json.dependencies })) {
      if (packages.some((q) => q.json.name === dep) && range !== ver) fail(`${p.json.name} depends on ${dep}@${range}, not ${ver}`);
    }
    for (const file of ["README.md", "LICENSE"]) if (!existsSync(join(p.dir, file))) fail(`${p.json.name} has no ${file}`);
  }
  const changelog = existsSync(join(root, "CHANGELOG.md")) ? readFileSync(join(root, "CHANGELOG.md"), "utf8") : "";
  if (!changelog.includes(`\n## ${ver} `)) fail(`CHANGELOG.md has no "## ${ver}" section`);
  if (!skipBuild) {
    const res = spawnSync(npm, ["run", "build"], { cwd: root, stdio: "inherit" });
    if (res.status !== 0) fail("npm run build failed");
  }
  for (const p of packages) {
    if (!dryRun && published(p.json.name, ver, registry)) {
      console.log(`release: ${p.json.name}@${ver} is already published, skipped`);
      continue;
    }
    const args = ["publish", "--access", "public", "--tag", tag, ...(registry ? ["--registry", registry] : []), ...(dryRun ? ["--dry-run"] : [])];
    console.log(`release: npm ${args.join(" ")}  (${p.json.name}@${ver})`);
    const res = spawnSync(npm, args, { cwd: p.dir, stdio: "inherit" });
    if (res.status !== 0) fail(`publishing ${p.json.name} failed; fix it and run publish again (published packages are skipped)`);
  }
  console.log(`release: ${dryRun ? "dry run of" : "published"} ${packages.map((p) => `${p.json.name}@${ver}`).join(", ")}`);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: "string" },
    registry: { type: "string" },
    tag: { type: "string", default: "latest" },
    "dry-run": { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    "no-lockfile": { type: "boolean", default: false },
  },
});
const root = resolve(values.root ?? join(import.meta.dirname, ".."));
const [command, arg] = positionals;
if (command === "version") version(root, arg, { lockfile: !values["no-lockfile"] });
else if (command === "publish") publish(root, { registry: values.registry, tag: values.tag, dryRun: values["dry-run"], skipBuild: values["skip-build"] });
else fail("usage: node scripts/release.mjs version X.Y.Z | publish [--registry URL] [--tag TAG] [--dry-run] [--skip-build]");
