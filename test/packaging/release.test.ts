// The release flow against a real registry: Verdaccio on 127.0.0.1, `scripts/release.mjs publish`
// publishes every package, and a fresh app outside the monorepo installs them by name, builds
// with TypeScript (`--module node16`: ES module and CommonJS files) and runs, including
// `require()` without require(esm). Other packages (react, nanoid, ...) come through Verdaccio's
// proxy of the npm registry.
import { spawn, type ChildProcess } from "node:child_process";
import { lstatSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, repoRoot, requireBuild, run } from "./helpers";

let dir: string;
let verdaccio: ChildProcess | undefined;
let registry: string;
let npmEnv: Record<string, string>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), "vf-release-"));
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  writeFileSync(
    join(dir, "verdaccio.yaml"),
    [
      `storage: ${join(dir, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${join(dir, "htpasswd")}`,
      "uplinks:",
      "  npmjs:",
      "    url: https://registry.npmjs.org/",
      "packages:",
      // Ours are served only from this registry, never looked up upstream.
      "  '@victor-flags/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "    proxy: npmjs",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  verdaccio = spawn(process.execPath, [join(repoRoot, "node_modules/verdaccio/bin/verdaccio"), "--config", join(dir, "verdaccio.yaml"), "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  verdaccio.stdout!.on("data", (c) => (output += c));
  verdaccio.stderr!.on("data", (c) => (output += c));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${registry}-/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (verdaccio.exitCode !== null || Date.now() > deadline) throw new Error(`verdaccio did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // A registry user for publishing (Verdaccio's htpasswd sign-up, as `npm adduser` does).
  const res = await fetch(`${registry}-/user/org.couchdb.user:release-test`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release-test", password: "release-test-pw", type: "user" }),
  });
  const { token } = (await res.json()) as { token: string };
  expect(token).toBeTruthy();
  const npmrc = join(dir, ".npmrc");
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  npmEnv = { NPM_CONFIG_USERCONFIG: npmrc, NPM_CONFIG_REGISTRY: registry, NPM_CONFIG_AUDIT: "false", NPM_CONFIG_FUND: "false", NPM_CONFIG_UPDATE_NOTIFIER: "false" };
}, 120_000);

afterAll(async () => {
  if (verdaccio && verdaccio.exitCode === null) {
    const exited = new Promise((r) => verdaccio!.once("exit", r));
    verdaccio.kill("SIGTERM");
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("release to a registry", () => {
  it("publishes every package in dependency order, and a second run skips what is published", () => {
    const out = run(process.execPath, ["scripts/release.mjs", "publish", "--registry", registry, "--skip-build"], { env: npmEnv });
    const order = [...out.matchAll(/\((@victor-flags\/[a-z]+)@/g)].map((m) => m[1]);
    expect(order[0]).toBe("@victor-flags/core");
    expect(new Set(order)).toEqual(new Set(publishedPackages().map((p) => p.name)));
    for (const pkg of publishedPackages()) {
      expect(run("npm", ["view", `${pkg.name}@${pkg.version}`, "version", "--registry", registry], { env: npmEnv }).trim()).toBe(pkg.version);
    }
    // A second run (say, after one package failed) skips what is there instead of failing.
    const again = run(process.execPath, ["scripts/release.mjs", "publish", "--registry", registry, "--skip-build"], { env: npmEnv });
    expect(again).toContain("@victor-flags/core@");
    expect(again).toMatch(/already published, skipped/);
  });

  it("installs the packages by name into a fresh app that builds with TypeScript and runs as ESM and CommonJS", () => {
    const app = join(dir, "app");
    mkdirSync(join(app, "src"), { recursive: true });
    const version = publishedPackages()[0]!.version;
    const rootPkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({
        name: "fresh-app",
        private: true,
        type: "module",
        dependencies: {
          "@victor-flags/core": version,
          "@victor-flags/react": version,
          "@victor-flags/node": version,
          react: rootPkg.devDependencies.react,
          "react-dom": rootPkg.devDependencies["react-dom"],
          "@types/react": rootPkg.devDependencies["@types/react"],
          "@types/react-dom": rootPkg.devDependencies["@types/react-dom"],
          "@types/node": rootPkg.devDependencies["@types/node"],
        },
      }),
    );
    writeFileSync(join(app, "flags.json"), JSON.stringify({ version: 1, flags: { new_checkout: { default: false, rolloutStrategy: "gradual", rollout: { percentage: 100 } }, legacy: { default: false } } }));
    // ES module: a JSON config, a server render through @victor-flags/react/server.
    writeFileSync(
      join(app, "src/main.tsx"),
      `import { readFileSync } from "node:fs";
import { renderToString } from "react-dom/server";
import { FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import { FeatureGate } from "@victor-flags/react";
import { ServerFlagProvider, getServerFlags } from "@victor-flags/react/server";
import { createNodeManager } from "@victor-flags/node";

const config: FlagConfig = JSON.parse(readFileSync(new URL("../flags.json", import.meta.url), "utf8"));
const manager = new FeatureFlagManager({ config });
const flags = getServerFlags({ config, cookies: "vf_anonymous_id=a-1", env: { VICTOR_FEATURE_LEGACY: "on" } });
const html = renderToString(
  <ServerFlagProvider flags={flags}>
    <FeatureGate flag="new_checkout" fallback={<p>old</p>}><p>new</p></FeatureGate>
    <FeatureGate flag="legacy" fallback={<p>no legacy</p>}><p>legacy</p></FeatureGate>
  </ServerFlagProvider>,
);
console.log(JSON.stringify({ esm: manager.isEnabled("new_checkout"), html, node: createNodeManager({ config, env: { VICTOR_FEATURE_LEGACY: "yes" }, profilePath: false }).isEnabled("legacy") }));
`,
    );
    // CommonJS, type-checked with the .d.cts types.
    writeFileSync(
      join(app, "src/legacy.cts"),
      `import core = require("@victor-flags/core");
const manager = new core.FeatureFlagManager({ config: { version: 1, flags: { on: { default: true } } } });
console.log(JSON.stringify({ cjs: manager.isEnabled("on"), id: core.getAnonymousId(core.createMemoryStorage()).length }));
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "node16", moduleResolution: "node16", target: "ES2022", jsx: "react-jsx", strict: true, outDir: "dist", rootDir: "src", skipLibCheck: false, types: ["node"] }, include: ["src"] }),
    );
    run("npm", ["install", "--no-audit", "--no-fund", "--registry", registry], { cwd: app, env: npmEnv });
    // Real copies from the registry (not links to the monorepo), with their README and LICENSE.
    for (const name of ["core", "react", "node"]) {
      const installed = join(app, "node_modules/@victor-flags", name);
      expect(lstatSync(installed).isSymbolicLink()).toBe(false);
      expect(readdirSync(installed)).toEqual(expect.arrayContaining(["README.md", "LICENSE", "dist", "package.json"]));
    }
    // Build: the repository's TypeScript compiler on the installed packages' published types.
    run(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: app });
    const esm = JSON.parse(run(process.execPath, ["dist/main.js"], { cwd: app })) as { esm: boolean; html: string; node: boolean };
    expect(esm).toEqual({ esm: true, html: "<p>new</p><p>legacy</p>", node: true });
    const cjs = JSON.parse(run(process.execPath, ["--no-experimental-require-module", "dist/legacy.cjs"], { cwd: app })) as { cjs: boolean; id: number };
    expect(cjs).toEqual({ cjs: true, id: 21 });
  });
});
