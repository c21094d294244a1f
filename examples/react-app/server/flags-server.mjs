// Runs `victor-flags serve <config>` (the dev server of @victor-flags/node) as a child process
// and waits until it answers. Node built-ins only.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./build-steps.mjs";

export const cliPath = join(repoRoot, "packages/node/dist/cli.js");

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the dev server on `port` (0: any free port) for `configPath`. Resolves with its config
 * URL (as it prints it, checked with a GET) and a `stop()` that ends it.
 */
export function startFlagsServer({ configPath, port = 0, log = console.log, timeoutMs = 15_000 }) {
  const child = spawn(process.execPath, [cliPath, "serve", configPath, "--port", String(port)], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const forward = (stream, write) => {
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) write(`[flags] ${line}`);
    });
  };
  forward(child.stdout, log);
  forward(child.stderr, log);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  };

  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    // `victor-flags dev server: http://127.0.0.1:4400/flags.json`
    const printed = /dev server: (http:\/\/\S+)/;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`victor-flags serve exited with ${child.exitCode} (its messages are above)`);
      const match = output.match(printed);
      if (match) {
        const url = match[1];
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
          await res.arrayBuffer();
          if (res.ok) return url;
        } catch {
          // not listening yet
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop();
    throw new Error(`victor-flags serve did not answer on port ${port} within ${timeoutMs} ms:\n${output}`);
  })();

  return ready.then((url) => ({ url, port: Number(new URL(url).port), process: child, exited, stop, output: () => output }));
}
