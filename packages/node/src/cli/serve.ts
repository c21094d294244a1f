import { startDevServer, type DevServer } from "../dev-server.js";
import { formatFileProblem } from "../file-errors.js";
import { EXIT_OK, stringOption, UsageError, UserError, type CliCommand } from "./command.js";

/** `victor-flags serve <config>`: the local dev server, until Ctrl-C. */
export const serveCommand: CliCommand = {
  name: "serve",
  summary: "serve a config locally with ETag, live updates over SSE and a metrics sink",
  positionals: [{ name: "config", required: true, description: "the config file to serve (watched for changes)" }],
  options: {
    port: { type: "string", short: "p", valueName: "N", description: "port to listen on (default 4400; 0 picks a free one)" },
    host: { type: "string", valueName: "HOST", description: "interface to listen on (default 127.0.0.1, this machine only)" },
    path: { type: "string", valueName: "PATH", description: "URL path of the config (default /flags.json; SSE at <path>/stream)" },
    "cors-origin": { type: "string", valueName: "ORIGIN", description: "Access-Control-Allow-Origin (default *)" },
  },
  description:
    "Serves the config for local development:\n" +
    "  GET  <path>          the document, with an ETag (304 on If-None-Match)\n" +
    "  GET  <path>/stream   Server-Sent Events: `event: config` with the full document on connect\n" +
    "                       and after each change to the file (an invalid edit is reported here\n" +
    "                       and not pushed; the last good config stays)\n" +
    "  POST /metrics        metrics and exposure batches (JSON, or OTLP/HTTP JSON also at\n" +
    "                       /v1/metrics), printed here\n" +
    "Point the app at it with <FlagProvider url=\"http://127.0.0.1:4400/flags.json\">.",
  examples: ["victor-flags serve flags.json", "victor-flags serve flags.json --port 0"],
  async run(args, io) {
    const file = args.positionals[0]!;
    const portText = stringOption(args, "port") ?? "4400";
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}"`);
    const host = stringOption(args, "host") ?? "127.0.0.1";
    const path = stringOption(args, "path") ?? "/flags.json";
    if (!path.startsWith("/")) throw new UsageError(`--path must start with "/", got "${path}"`);
    const cors = stringOption(args, "cors-origin");
    const log = (m: string) => io.err(m);

    let server: DevServer;
    try {
      server = await startDevServer({
        configPath: file,
        port,
        host,
        path,
        ...(cors !== undefined ? { corsOrigin: cors } : {}),
        logger: { info: log, warn: log, error: log },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE") throw new UserError(`port ${port} on ${host} is already in use; pass --port N (or --port 0 for a free one)`);
      if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new UserError(`cannot listen on host "${host}"`);
      if (code === "EACCES") throw new UserError(`no permission to listen on port ${port}; use a port above 1023`);
      throw error;
    }
    for (const w of server.warnings) io.err(`warning: ${formatFileProblem(file, w)}`);
    if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") io.err(`warning: listening on ${host}: other machines on the network can reach this server`);
    io.out(`victor-flags dev server: ${server.configUrl}`);
    io.out(`  live updates (SSE): ${server.streamUrl}`);
    io.out(`  metrics sink:       POST ${server.metricsUrl}`);
    io.out(`watching ${file}; Ctrl-C to stop`);
    await io.untilStopped();
    await server.close();
    io.err("dev server stopped");
    return EXIT_OK;
  },
};
