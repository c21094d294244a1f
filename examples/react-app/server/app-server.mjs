// Serves the built example app on 127.0.0.1: static files, `/flags/*` passed through to the
// `victor-flags serve` dev server (same origin, so no CORS set-up), and `/ssr`, the
// server-rendered example. Node built-ins only; the SSR bundle is imported on first use.
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { clientDist, ssrEntry } from "./build-steps.mjs";

/** The path prefix under which the page reaches the dev server. */
export const FLAGS_PREFIX = "/flags";
/** The targeting demo's flagd document (a second dev server), passed through the same way. */
export const TARGETING_PREFIX = "/targeting";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
};

/** The user id cookie of the SSR example: the server and the browser must bucket the same subject. */
const USER_COOKIE = "vf_ssr_user";

function readCookie(header, name) {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function sendText(res, status, text, type = "text/plain; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(text);
}

/**
 * Starts the app server. `flagsUrl` is the dev server's config URL (e.g.
 * `http://127.0.0.1:4300/flags.json`); `GET /flags` goes to it and `/flags/<rest>` to `<flagsUrl>/<rest>`, so the
 * remote source's `<url>/stream` convention carries through; `targetingUrl` (the targeting demo's
 * dev server) is reached the same way under `/targeting`. `metricsUrl` receives exposure batches.
 */
export function startAppServer({ port = 0, host = "127.0.0.1", flagsUrl, targetingUrl, metricsUrl, log = console.log }) {
  const upstream = new URL(flagsUrl);
  const upstreams = [[FLAGS_PREFIX, upstream], ...(targetingUrl ? [[TARGETING_PREFIX, new URL(targetingUrl)]] : [])];
  const metricsTarget = metricsUrl ? new URL(metricsUrl) : undefined;
  const sockets = new Set();
  let ssrModule;

  /** Passes a request through to the dev server; streams the answer (SSE included). */
  function proxy(req, res, target) {
    const headers = { ...req.headers, host: target.host };
    delete headers.connection;
    const out = httpRequest(target, { method: req.method, headers }, (upstreamRes) => {
      const resHeaders = { ...upstreamRes.headers };
      delete resHeaders.connection;
      delete resHeaders["transfer-encoding"];
      res.writeHead(upstreamRes.statusCode ?? 502, resHeaders);
      res.flushHeaders();
      upstreamRes.pipe(res);
      upstreamRes.on("error", () => res.destroy());
    });
    out.on("error", (error) => {
      if (res.headersSent) res.destroy();
      else sendText(res, 502, JSON.stringify({ error: `flags server unreachable at ${target.origin}: ${error.code ?? error.message}` }), "application/json");
    });
    // A page that goes away (reload, closed tab) drops its upstream stream too.
    res.on("close", () => out.destroy());
    req.pipe(out);
  }

  async function renderSsr(req, res, url) {
    if (!existsSync(ssrEntry)) return sendText(res, 500, "SSR bundle missing: run `npm start` (it builds the app)");
    ssrModule ??= await import(pathToFileURL(ssrEntry).href);
    let userId = url.searchParams.get("user") ?? readCookie(req.headers.cookie, USER_COOKIE);
    const setCookie = [];
    if (!userId) {
      userId = `visitor-${randomUUID().slice(0, 8)}`;
      setCookie.push(`${USER_COOKIE}=${encodeURIComponent(userId)}; Path=/; SameSite=Lax`);
    }
    let config;
    try {
      const answer = await fetch(upstream, { signal: AbortSignal.timeout(3000) });
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      config = await answer.json();
    } catch (error) {
      return sendText(res, 503, `The flags server at ${upstream.href} did not answer (${error.message}); server rendering needs it.`);
    }
    const template = readFileSync(join(clientDist, "ssr.html"), "utf8");
    let rendered;
    try {
      rendered = ssrModule.render({ config, userId });
    } catch (error) {
      return sendText(res, 500, `render failed: ${error.message}`);
    }
    const state = { config, userId, flagsUrl: FLAGS_PREFIX };
    const html = template
      .replace("<!--ssr-outlet-->", rendered.html)
      .replace("<!--ssr-state-->", `<script>window.__VICTOR_SSR__ = ${scriptJson(state)}</script>`);
    res.writeHead(200, { "content-type": types[".html"], "cache-control": "no-store", ...(setCookie.length ? { "set-cookie": setCookie } : {}) });
    res.end(html);
  }

  function serveStatic(res, pathname) {
    let file = normalize(join(clientDist, decodeURIComponent(pathname)));
    if (!file.startsWith(clientDist.endsWith(sep) ? clientDist : clientDist + sep) && file !== clientDist) return sendText(res, 403, "forbidden");
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // A path without an extension is a page of the console: answer with the app.
      if (extname(pathname) !== "") return sendText(res, 404, "not found");
      file = join(clientDist, "index.html");
    }
    if (!existsSync(file)) return sendText(res, 500, "app not built: run `npm start`");
    const immutable = pathname.startsWith("/assets/");
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://app.local");
    const { pathname } = url;
    for (const [prefix, base] of upstreams) {
      if (pathname !== prefix && !pathname.startsWith(prefix + "/")) continue;
      const target = new URL(base);
      target.pathname = base.pathname.replace(/\/$/, "") + pathname.slice(prefix.length);
      target.search = url.search;
      return proxy(req, res, target);
    }
    if (pathname === "/metrics" && metricsTarget) return proxy(req, res, metricsTarget);
    if (pathname === "/ssr" || pathname === "/ssr/") {
      renderSsr(req, res, url).catch((error) => sendText(res, 500, String(error?.stack ?? error)));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "method not allowed");
    serveStatic(res, pathname);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const url = `http://${host}:${address.port}/`;
      resolve({
        url,
        port: address.port,
        /** Stops listening and drops open connections (SSE streams never end by themselves). */
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
