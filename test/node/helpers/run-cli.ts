// Runs the built `victor-flags` bin as a child process, the way a user or a CI job does.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../../packages/node/dist/cli.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without any VICTOR_FEATURE_* variable, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/VICTOR_FEATURE_/.test(k)) env[k] = v;
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}

/** Runs `victor-flags ...args` to completion. */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(options.env), cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running `victor-flags serve`. */
export interface ServeProcess {
  child: ChildProcess;
  /** The config URL the command printed. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr contains `text` (the server logs reloads and metrics there). */
  waitForStderr(text: string | RegExp): Promise<void>;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `victor-flags serve ...args` and resolves once it printed its URLs. */
export function startServe(args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, "serve", ...args], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const waiters: Array<() => void> = [];
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    waiters.forEach((w) => w());
  });
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    waiters.forEach((w) => w());
  });
  const until = (check: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const test = () => {
        if (check()) {
          waiters.splice(waiters.indexOf(test), 1);
          resolve();
        }
      };
      waiters.push(test);
      void exited.then((code) => reject(new Error(`serve exited with ${code} before the expected output\nstdout:\n${out}\nstderr:\n${err}`)));
      test();
    });
  // The banner's last line: once it is there, every line before it is too.
  return until(() => out.includes("Ctrl-C to stop")).then(() => ({
    child,
    url: /dev server: (http:\/\/\S+)/.exec(out)![1]!,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (text) => until(() => (typeof text === "string" ? err.includes(text) : text.test(err))),
    stop: () => {
      child.kill("SIGINT");
      return exited;
    },
  }));
}
