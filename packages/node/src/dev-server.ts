import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FlagConfig } from "@victor-flags/core";
import { ConfigWatcher, type ReloadResult } from "./dev-server/config-watcher.js";
import { summarizeBatch, type MetricsBatch } from "./dev-server/metrics-sink.js";
import { matchesEtag, readBody, requestPath } from "./dev-server/http.js";
import { formatSseEvent, SseHub } from "./dev-server/sse.js";
import { formatFileProblem, type FileProblem } from "./file-errors.js";

export type { MetricsBatch } from "./dev-server/metrics-sink.js";
export type { ReloadResult, ServedConfig } from "./dev-server/config-watcher.js";

/** Where the dev server writes what it does. */
export interface DevServerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of `startDevServer`. */
export interface DevServerOptions {
  /** The config file to serve (`.json`, or `.yaml`/`.yml` served as JSON). */
  configPath: string;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port (default 4400; `0` picks a free one). */
  port?: number;
  /** Path of the config document (default `/flags.json`); its SSE stream is `<path>/stream`. */
  path?: string;
  /** Path that accepts POSTed metrics/exposure batches (default `/metrics`; `/v1/metrics` always works for OTLP/HTTP exporters). */
  metricsPath?: string;
  /** `Access-Control-Allow-Origin` (default `*`). */
  corsOrigin?: string;
  /** Wait this long after the last file event before reloading (default 75 ms). */
  debounceMs?: number;
  /** Interval of the SSE keep-alive comment (default 15 s). */
  keepAliveMs?: number;
  /** Largest accepted metrics body (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * A live-update stream whose client leaves more than this many bytes unread is ended at the
   * next event or keep-alive (default 4 MiB); its `EventSource` reconnects and gets the current
   * document. This bounds the memory a client that never reads can hold.
   */
  maxStreamBacklogBytes?: number;
  /** Default: console. */
  logger?: DevServerLogger;
  /** Called with each accepted metrics batch (after it is logged). */
  onMetrics?: (batch: MetricsBatch) => void;
  /** Called after each reload of the file: updated, unchanged, or invalid (not served). */
  onReload?: (result: ReloadResult) => void;
}

/** A running dev server. */
export interface DevServer {
  /** `http://host:port` */
  readonly url: string;
  readonly configUrl: string;
  readonly streamUrl: string;
  readonly metricsUrl: string;
  readonly port: number;
  /** The document being served (the last good one) and its ETag. */
  readonly document: FlagConfig;
  readonly etag: string;
  /** Validation warnings of the document being served, with positions. */
  readonly warnings: readonly FileProblem[];
  /** Re-reads the file now (the watcher does this on its own when the file changes). */
  reload(): ReloadResult;
  /** Ends the SSE streams, stops watching and closes the server. */
  close(): Promise<void>;
}

const consoleDevLogger: DevServerLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/**
 * Serves a config file for local development on 127.0.0.1: the document with an ETag (304 on
 * `If-None-Match`), live updates over SSE at `<path>/stream` when the file changes (an invalid
 * edit is reported and never pushed), CORS for a dev app on another port, and a metrics sink
 * that prints what the app POSTs. The file must be valid at start, or this rejects.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const logger = options.logger ?? consoleDevLogger;
  const configPath = (options.path ?? "/flags.json").replace(/\/+$/, "") || "/flags.json";
  const streamPath = `${configPath}/stream`;
  const metricsPath = options.metricsPath ?? "/metrics";
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const cors: Record<string, string> = {
    "Access-Control-Allow-Origin": options.corsOrigin ?? "*",
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, Content-Type, Cache-Control, Last-Event-ID",
    "Access-Control-Expose-Headers": "ETag",
    "Access-Control-Max-Age": "600",
  };
  const hub = new SseHub(options.keepAliveMs ?? 15_000, options.maxStreamBacklogBytes ?? 4 * 1024 * 1024, ({ backlogBytes }) =>
    logger.warn(`ended a live-update stream whose client is not reading (${backlogBytes} bytes unsent); it gets the current config when it reconnects`),
  );
  const watcher = new ConfigWatcher(
    options.configPath,
    (result) => {
      if (result.type === "updated") {
        const sent = hub.broadcast(formatSseEvent("config", result.config.etag, result.config.body));
        logger.info(`${options.configPath} changed: serving ${result.config.etag}, pushed to ${sent} stream${sent === 1 ? "" : "s"}`);
        for (const w of result.config.warnings) logger.warn(`warning: ${formatFileProblem(options.configPath, w)}`);
      } else if (result.type === "invalid") {
        // Streams hear that a newer document was refused, so a page can say so instead of
        // looking current; the document itself is never sent.
        const told = hub.broadcast(formatSseEvent("rejected", result.config.etag, result.error.message));
        logger.error(`${result.error.message}\nnot pushed: still serving the last good config ${result.config.etag}${told > 0 ? ` (told ${told} stream${told === 1 ? "" : "s"} it was rejected)` : ""}`);
      }
      options.onReload?.(result);
    },
    options.debounceMs,
  );

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...cors, "Content-Type": "application/json; charset=utf-8", ...headers });
    res.end(body);
  };
  const fail = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
    send(res, status, JSON.stringify({ error: message }), headers);

  const handleMetrics = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const type = (req.headers["content-type"] ?? "").toLowerCase();
    if (type.includes("protobuf")) return fail(res, 415, "OTLP protobuf is not supported here; configure the exporter for http/json");
    const text = await readBody(req, maxBody);
    if (text === undefined) return fail(res, 413, `body larger than ${maxBody} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      logger.warn(`POST ${path}: rejected a body that is not JSON (${text.length} bytes)`);
      return fail(res, 400, "body must be JSON");
    }
    const batch = summarizeBatch(path, body);
    logger.info(`POST ${path} ${batch.lines.join("\n")}`);
    options.onMetrics?.(batch);
    // `{}` is a complete OTLP ExportMetricsServiceResponse; other senders ignore the body.
    send(res, 200, "{}");
  };

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      res.writeHead(204, cors);
      return void res.end();
    }
    const path = requestPath(req.url);
    if (path === undefined) return fail(res, 400, "the request target is not a path or an http URL", { Connection: "close" });
    if (path === configPath) {
      if (method !== "GET" && method !== "HEAD") return fail(res, 405, `${method} not allowed`, { Allow: "GET, HEAD, OPTIONS" });
      const current = watcher.current;
      const headers = { ...cors, ETag: current.etag, "Cache-Control": "no-cache" };
      if (matchesEtag(req.headers["if-none-match"], current.etag)) {
        res.writeHead(304, headers);
        return void res.end();
      }
      res.writeHead(200, { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(current.body)) });
      return void res.end(method === "HEAD" ? undefined : current.body);
    }
    if (path === streamPath) {
      if (method !== "GET") return fail(res, 405, `${method} not allowed`, { Allow: "GET, OPTIONS" });
      const current = watcher.current;
      return hub.open(res, cors, formatSseEvent("config", current.etag, current.body));
    }
    if (path === metricsPath || path === "/v1/metrics") {
      if (method !== "POST") return fail(res, 405, `${method} not allowed`, { Allow: "POST, OPTIONS" });
      return void handleMetrics(req, res, path).catch((error: Error) => {
        // A client that hangs up mid-body is not the server's problem and not worth a log line.
        if (req.destroyed && res.destroyed) return;
        logger.error(`POST ${path} failed: ${error.message}`);
        if (!res.headersSent) fail(res, 500, "could not read the body");
      });
    }
    if (path === "/" && method === "GET") {
      return send(res, 200, JSON.stringify({ config: configPath, stream: streamPath, metrics: metricsPath }));
    }
    fail(res, 404, `nothing at ${path}; the config is at ${configPath}`);
  };
  const server = createServer((req, res) => {
    // Whatever a request does, it must not take the server down with it.
    try {
      route(req, res);
    } catch (error) {
      logger.error(`${req.method ?? "?"} request failed: ${(error as Error).message}`);
      if (!res.headersSent) fail(res, 500, "internal error");
      else res.destroy();
    }
  });

  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 4400, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    hub.close();
    throw error;
  }
  watcher.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    configUrl: url + configPath,
    streamUrl: url + streamPath,
    metricsUrl: url + metricsPath,
    port,
    get document() {
      return watcher.current.document;
    },
    get etag() {
      return watcher.current.etag;
    },
    get warnings() {
      return watcher.current.warnings;
    },
    reload: () => watcher.reload(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        watcher.close();
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
