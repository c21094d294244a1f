// The Next.js example (examples/nextjs) for the browser tests: built with `next build` only when
// its build is missing or older than its sources or the package builds it bundles (one build per
// CI run), then served with `next start` on a free port of 127.0.0.1.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./harness";

export const appRoot = join(repoRoot, "examples/nextjs");
const nextBin = join(repoRoot, "node_modules/next/dist/bin/next");

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

/** `next build` when `.next` is missing or stale; the packages must be built (`npm run build`). */
export function buildNextExample(): void {
  for (const file of ["packages/core/dist/index.js", "packages/react/dist/index.js", "packages/react/dist/server.js"]) {
    if (!existsSync(join(repoRoot, file))) throw new Error(`${file} is missing: run \`npm run build\` first (\`npm test\` does it for you)`);
  }
  const inputs = ["src", "next.config.mjs", "package.json", "../victor-catalogue.json"].map((p) => join(appRoot, p));
  inputs.push(join(repoRoot, "packages/core/dist"), join(repoRoot, "packages/react/dist"));
  const buildId = join(appRoot, ".next/BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= Math.max(...inputs.map(newest))) return;
  const started = Date.now();
  const res = spawnSync(process.execPath, [nextBin, "build"], { cwd: appRoot, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (res.status !== 0) throw new Error(`next build failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  console.log(`next build: ${Math.round((Date.now() - started) / 1000)} s`);
}

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

/** A running `next start` of the example. */
export class NextApp {
  private constructor(
    private readonly child: ReturnType<typeof spawn>,
    readonly url: string,
    private readonly output: () => string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<NextApp> {
    const port = await freePort();
    const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
      cwd: appRoot,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const deadline = Date.now() + 30_000;
    while (!/Ready in/.test(output)) {
      if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`next start: not ready within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return new NextApp(child, `http://127.0.0.1:${port}`, () => output);
  }

  /** What the server printed (request errors land here). */
  log(): string {
    return this.output();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}
