import type { IncomingMessage } from "node:http";

/**
 * The path of a request target, or `undefined` when it is not one. `new URL(target, base)` would
 * read `//[` as a scheme-relative URL with a broken host and throw; a throw in the request
 * handler ends the whole server, so the target is parsed here and never trusted.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (target === undefined || target === "") return undefined;
  try {
    // Origin form (`/flags.json?x`): prefix an origin so that `//x` stays a path.
    if (target.startsWith("/")) return new URL(`http://localhost${target}`).pathname;
    // Absolute form (`http://host/flags.json`), which proxies send.
    if (/^https?:\/\//i.test(target)) return new URL(target).pathname;
  } catch {
    // not a URL: answered 400 below
  }
  return undefined;
}

/** Whether an `If-None-Match` header names `etag` (weak or strong) or is `*`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || strip(t) === strip(etag));
}

/** Reads a request body as UTF-8; `undefined` when it is larger than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and discarded, so the client still gets the 413 answer
    // instead of a reset connection.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
