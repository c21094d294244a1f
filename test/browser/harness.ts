// Shared set-up of the browser tests: Debian's Chromium through playwright-core, the real
// `victor-flags serve` dev server and the real `npm start` script (examples/main.mjs), each as a
// child process on a free port of 127.0.0.1, and a temporary copy of the catalogue to edit.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import type { FlagConfig } from "@victor-flags/core";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";

/** Launches headless Chromium; a missing browser is an error (never a skip), so CI cannot pass without it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need it (Debian/Ubuntu: apt-get install chromium; .ci/run installs it). ` +
        "They run whenever CI=true or the browser is present.",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A child process whose output is kept, with a way to wait for a line. */
class Child {
  output = "";
  readonly exited: Promise<number | null>;
  constructor(readonly process: ChildProcess) {
    process.stdout?.setEncoding("utf8").on("data", (chunk: string) => (this.output += chunk));
    process.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.output += chunk));
    this.exited = new Promise((resolve) => process.once("exit", (code) => resolve(code)));
  }

  /** Resolves with the first match of `pattern` in the output. */
  async waitFor(pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.process.exitCode !== null) throw new Error(`${what} exited with ${this.process.exitCode}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what}: no ${pattern} within ${timeoutMs} ms:\n${this.output}`);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * `node examples/main.mjs --prepare`: installs and builds whatever is stale (packages, app), so
 * the CLI and the app exist before a test starts them. Call it first in `beforeAll`.
 */
export async function prepareExample(): Promise<void> {
  const child = new Child(spawn(process.execPath, [join(repoRoot, "examples/main.mjs"), "--prepare"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] }));
  const timer = setTimeout(() => child.process.kill("SIGKILL"), 110_000);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`node examples/main.mjs --prepare failed (${code}):\n${child.output}`);
}

/** `victor-flags serve <config> --port <port>` (the built CLI of @victor-flags/node). */
export class FlagsServer {
  private constructor(
    private readonly child: Child,
    readonly url: string,
    readonly port: number,
  ) {}

  static async start(configPath: string, port = 0): Promise<FlagsServer> {
    const cli = join(repoRoot, "packages/node/dist/cli.js");
    if (!existsSync(cli)) await prepareExample();
    if (!existsSync(cli)) throw new Error(`${cli} is missing after \`node examples/main.mjs --prepare\``);
    const child = new Child(spawn(process.execPath, [cli, "serve", configPath, "--port", String(port)], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] }));
    const [, url] = await child.waitFor(/dev server: (http:\/\/127\.0\.0\.1:\d+\S*)/, 15_000, "victor-flags serve");
    return new FlagsServer(child, url!, Number(new URL(url!).port));
  }

  get output(): string {
    return this.child.output;
  }

  /** Ends the server the way Ctrl-C would. */
  stop(): Promise<void> {
    return this.child.stop();
  }
}

/** `node examples/main.mjs` (what `npm start` runs), on a free port; builds what is stale first. */
export class ExampleApp {
  private constructor(
    private readonly child: Child,
    readonly url: string,
    readonly flagsUrl: string,
  ) {}

  static async start(options: { flagsUrl?: string; configPath?: string; extraArgs?: string[] }): Promise<ExampleApp> {
    const args = [join(repoRoot, "examples/main.mjs"), "--port", "0"];
    if (options.flagsUrl) args.push("--flags-url", options.flagsUrl);
    if (options.configPath) args.push("--config", options.configPath);
    args.push(...(options.extraArgs ?? []));
    const child = new Child(spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] }));
    // The first start may build the packages and the app: allow for it.
    const [, url] = await child.waitFor(/Victor console\s+(http:\/\/127\.0\.0\.1:\d+\/)/, 110_000, "npm start (examples/main.mjs)");
    const [, flagsUrl] = await child.waitFor(/flags server\s+(http:\/\/\S+)/, 5_000, "npm start (examples/main.mjs)");
    return new ExampleApp(child, url!, flagsUrl!);
  }

  get output(): string {
    return this.child.output;
  }

  get exited(): Promise<number | null> {
    return this.child.exited;
  }

  /** Sends SIGINT, as Ctrl-C in the terminal does. */
  interrupt(): void {
    this.child.process.kill("SIGINT");
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}

/** A temporary copy of the shipped catalogue that a test may edit on disk. */
export class TempCatalogue {
  readonly dir = mkdtempSync(join(tmpdir(), "vf-browser-"));
  readonly path = join(this.dir, "catalogue.json");

  constructor(edit?: (doc: FlagConfig) => void) {
    const doc = JSON.parse(readFileSync(join(repoRoot, "examples/victor-catalogue.json"), "utf8")) as FlagConfig;
    delete doc.$schema;
    edit?.(doc);
    this.write(doc);
  }

  read(): FlagConfig {
    return JSON.parse(readFileSync(this.path, "utf8")) as FlagConfig;
  }

  write(doc: FlagConfig): void {
    writeFileSync(this.path, JSON.stringify(doc, null, 2));
  }

  /** Reads, edits and writes the file back, as someone editing it would. */
  edit(change: (doc: FlagConfig) => void): void {
    const doc = this.read();
    change(doc);
    this.write(doc);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Console messages and page errors of a page, for asserting that nothing went wrong. */
export function collectConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (message: ConsoleMessage) => lines.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => lines.push(`pageerror: ${error.message}`));
  return lines;
}

/**
 * Where a screenshot goes: test-results/ (ignored by git), so a test run leaves the tree clean;
 * pictures used by the docs go to docs/images/ instead when VF_SCREENSHOTS=docs.
 */
export function screenshotPath(name: string, options: { docs?: boolean } = {}): string {
  const toDocs = options.docs === true && process.env.VF_SCREENSHOTS === "docs";
  const dir = join(repoRoot, toDocs ? "docs/images" : "test-results");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** The attribute of the first element matching `selector`, or null. */
export function attribute(page: Page, selector: string, name: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute(name);
}
