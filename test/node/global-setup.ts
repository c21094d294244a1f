// The CLI tests run the real `victor-flags` bin (packages/node/dist/cli.js) as a child process.
// CI builds before testing, so this usually does nothing; on a developer machine it rebuilds
// core and node when any of their sources is newer than the build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const outputs = ["packages/node/dist/cli.js", "packages/node/dist/index.js", "packages/core/dist/index.js"];
const inputs = ["packages/core/src", "packages/node/src", "packages/core/package.json", "packages/node/package.json", "rollup.config.mjs"];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** True when a build output is missing or older than a source it is built from. */
function stale(): boolean {
  if (outputs.some((o) => !existsSync(join(root, o)))) return true;
  const built = Math.min(...outputs.map((o) => statSync(join(root, o)).mtimeMs));
  return inputs.some((i) => existsSync(join(root, i)) && newest(join(root, i)) > built);
}

export default function setup(): void {
  if (!stale()) return;
  const rollup = join(root, "node_modules/rollup/dist/bin/rollup");
  const res = spawnSync(process.execPath, [rollup, "-c", "rollup.config.mjs"], {
    cwd: root,
    env: { ...process.env, VF_PACKAGES: "core,node" },
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`building core and node for the CLI tests failed:\n${res.stderr}`);
}
