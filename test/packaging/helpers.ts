// Shared by the packaging tests: the repository root, the published packages and a way to run
// a command and keep its output.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface PackageInfo {
  dir: string;
  name: string;
  version: string;
  json: Record<string, unknown> & { exports?: Record<string, unknown>; engines?: Record<string, string>; files?: string[] };
}

/** Every package under packages/ (the ones `npm publish` ships). */
export function publishedPackages(): PackageInfo[] {
  return readdirSync(join(repoRoot, "packages"))
    .map((d) => join(repoRoot, "packages", d))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { dir, name: json.name, version: json.version, json };
    });
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): string {
  const res = spawnSync(cmd, args, { cwd: options.cwd ?? repoRoot, encoding: "utf8", env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${res.status ?? res.signal}:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** Fails early with the one command that fixes it when the packages are not built. */
export function requireBuild(): void {
  for (const pkg of publishedPackages()) {
    if (!existsSync(join(pkg.dir, "dist/index.cjs"))) throw new Error(`${pkg.name} is not built: run \`npm run build\` first (\`npm test\` does it for you)`);
  }
}
