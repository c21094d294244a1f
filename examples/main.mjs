// `npm start`: the Victor console on the shipped catalogue, end to end.
//   1. installs (npm ci) when node_modules is missing, builds the packages when dist is stale;
//   2. starts `victor-flags serve examples/victor-catalogue.json` on 127.0.0.1;
//   3. builds the React app with Vite when stale and serves it (plus /ssr, the server-rendered
//      example) from this process, passing /flags through to the dev server;
//   4. prints the URL; Ctrl-C stops everything.
// Node built-ins only at the top level: the install step may not have run yet.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureAppBuilt, ensureInstalled, ensurePackagesBuilt, repoRoot } from "./react-app/server/build-steps.mjs";

const usage = `Usage: npm start -- [options]

  --config <file>     config to serve (default: examples/victor-catalogue.json)
  --targeting-config <file>
                      flagd document of the targeting panel (default: examples/targeting-flags.json)
  --port <n>          port of the app (default 5173; 0 = any free port)
  --flags-port <n>    port of the flags dev server (default: any free port)
  --flags-url <url>   use an already running flags server instead of starting one
  --check             start, check every page answers, stop (exit code says if it worked)
  --prepare           only install and build what is stale, then exit
  -h, --help          this text`;

let options;
try {
  options = parseArgs({
    options: {
      config: { type: "string", default: "examples/victor-catalogue.json" },
      "targeting-config": { type: "string", default: "examples/targeting-flags.json" },
      port: { type: "string", default: process.env.PORT ?? "5173" },
      "flags-port": { type: "string" },
      "flags-url": { type: "string" },
      check: { type: "boolean", default: false },
      prepare: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}

function port(value, name) {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    console.error(`--${name} must be a port number (0-65535), got "${value}"`);
    process.exit(2);
  }
  return n;
}
// Checked before anything starts, so a typo never leaves a server behind.
const appPort = port(options.port, "port");
const flagsPort = options["flags-port"] === undefined ? 0 : port(options["flags-port"], "flags-port");

const log = (line) => console.log(line);
const cleanups = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`while stopping: ${error.message}`);
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => {
  log("\nstopping…");
  void stopAll(0);
});
process.on("SIGTERM", () => void stopAll(0));


async function main() {
  ensureInstalled(log);
  ensurePackagesBuilt(log);
  await ensureAppBuilt(log);
  if (options.prepare) {
    log("ready: packages and app are built");
    return;
  }

  // After the install and build: these need node_modules and packages/node/dist.
  const { startFlagsServer } = await import("./react-app/server/flags-server.mjs");
  const { startAppServer } = await import("./react-app/server/app-server.mjs");

  let flagsUrl = options["flags-url"];
  if (!flagsUrl) {
    const configPath = resolve(repoRoot, options.config);
    const flags = await startFlagsServer({ configPath, port: flagsPort, log });
    cleanups.push(() => flags.stop());
    flags.exited.then(({ code, signal }) => {
      if (!stopping) log(`victor-flags serve stopped (${signal ?? `exit ${code}`}); the page keeps its last good config`);
    });
    flagsUrl = flags.url;
  }
  const metricsUrl = new URL("/metrics", flagsUrl).href;

  // The targeting panel's flagd document (a targeted flag and a typed value), live from its own
  // dev server, so the Victor catalogue stays the nine flags of the seed document.
  const targeting = await startFlagsServer({ configPath: resolve(repoRoot, options["targeting-config"]), port: 0, log });
  cleanups.push(() => targeting.stop());
  const targetingUrl = targeting.url;

  const requested = appPort;
  let app;
  try {
    app = await startAppServer({ port: requested, flagsUrl, targetingUrl, metricsUrl, log });
  } catch (error) {
    if (error.code !== "EADDRINUSE") throw error;
    log(`port ${requested} is busy; using a free one`);
    app = await startAppServer({ port: 0, flagsUrl, targetingUrl, metricsUrl, log });
  }
  cleanups.push(() => app.close());

  log("");
  log(`  Victor console  ${app.url}`);
  log(`  SSR example     ${app.url}ssr`);
  log(`  flags server    ${flagsUrl}  (edit ${options["flags-url"] ? "its config" : options.config} and the page updates live)`);
  log(`  targeting       ${targetingUrl}  (edit ${options["targeting-config"]}: banner text, beta testers)`);
  log("");

  if (options.check) {
    let ok = true;
    for (const path of ["", "flags", "targeting", "ssr"]) {
      const res = await fetch(app.url + path, { signal: AbortSignal.timeout(5000) }).catch((error) => ({ ok: false, status: error.message }));
      log(`check ${app.url}${path}: ${res.status}`);
      if (!res.ok) ok = false;
      if (res.arrayBuffer) await res.arrayBuffer();
    }
    await stopAll(ok ? 0 : 1);
    return;
  }
  log("Ctrl-C to stop");
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  void stopAll(1);
});
