import { RemoteError } from "../errors.js";
import { discardBody, readBodyWithin } from "./body-limit.js";
import { newAbortController, type FetchLike } from "../platform/fetch.js";
import { startTimeout } from "../platform/timers.js";

/** One conditional GET of the config document. */
export interface ConfigRequest {
  fetch: FetchLike;
  url: string;
  headers: Readonly<Record<string, string>>;
  /** The ETag of the config we hold; sent as `If-None-Match`. */
  etag: string | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Aborted by the caller when the request is superseded or the source is disposed. */
  signal?: AbortSignal;
}

/** A usable answer; failures are thrown as `RemoteError`. */
export type ConfigResponse =
  | { status: "ok"; doc: unknown; etag: string | undefined }
  | { status: "not-modified" }
  | { status: "aborted" };

const ABORTED = Symbol("aborted");
const TIMED_OUT = Symbol("timed out");

/**
 * Fetches the document once: `If-None-Match` with the last ETag, a 304 to it as "not modified", a hard
 * timeout over the whole exchange (headers and body), and a body size limit. Resolves
 * `{ status: "aborted" }` when the caller's signal fires; every other failure is a `RemoteError`.
 */
export async function requestConfig(req: ConfigRequest): Promise<ConfigResponse> {
  const { url } = req;
  if (req.signal?.aborted) return { status: "aborted" };
  const controller = newAbortController();
  let cancelTimer = (): void => undefined;
  let onAbort: (() => void) | undefined;
  // Racing against this settles the request even with a fetch that ignores AbortSignal.
  const cutoff = new Promise<typeof ABORTED | typeof TIMED_OUT>((resolve) => {
    cancelTimer = startTimeout(() => resolve(TIMED_OUT), req.timeoutMs, false);
    // Synchronous: the moment a caller aborts, the fetch is cancelled and no timer is left.
    onAbort = () => {
      cancelTimer();
      controller?.abort();
      resolve(ABORTED);
    };
    req.signal?.addEventListener("abort", onAbort, { once: true });
  });
  const work = exchange(req, controller?.signal);
  work.catch(() => undefined); // if the cutoff wins, a later rejection is expected and ignored
  try {
    const outcome = await Promise.race([work, cutoff]);
    if (outcome === ABORTED) return { status: "aborted" };
    if (outcome === TIMED_OUT) throw new RemoteError("timeout", `GET ${url}: no complete answer within ${req.timeoutMs} ms (timeoutMs)`, { url });
    return outcome;
  } catch (error) {
    if (req.signal?.aborted) return { status: "aborted" };
    throw error;
  } finally {
    cancelTimer();
    if (onAbort) req.signal?.removeEventListener("abort", onAbort);
    controller?.abort(); // releases a body still streaming after a cutoff; a no-op once done
  }
}

async function exchange(req: ConfigRequest, signal: AbortSignal | undefined): Promise<ConfigResponse> {
  const { url } = req;
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  if (req.etag !== undefined) headers["if-none-match"] = req.etag;
  let response;
  try {
    response = await req.fetch(url, signal ? { method: "GET", headers, signal } : { method: "GET", headers });
  } catch (error) {
    throw new RemoteError("network", `GET ${url}: request failed (${describeError(error)})`, { url, cause: error });
  }
  if (response.status === 304) {
    discardBody(response);
    // Without If-None-Match there is no document the 304 could confirm: it is a server error.
    if (req.etag === undefined) throw new RemoteError("http", `GET ${url}: HTTP 304 Not Modified to a request without If-None-Match (the server must send the document)`, { url, status: 304 });
    return { status: "not-modified" };
  }
  if (response.status < 200 || response.status > 299) {
    discardBody(response);
    const text = response.statusText ? ` ${response.statusText}` : "";
    throw new RemoteError("http", `GET ${url}: HTTP ${response.status}${text}`, { url, status: response.status });
  }
  let body;
  try {
    body = await readBodyWithin(response, req.maxBodyBytes);
  } catch (error) {
    throw new RemoteError("network", `GET ${url}: reading the body failed (${describeError(error)})`, { url, cause: error });
  }
  if (!body.ok) {
    throw new RemoteError("too-large", `GET ${url}: body of ${body.bytes}+ bytes is larger than maxBodyBytes (${req.maxBodyBytes})`, { url });
  }
  return { status: "ok", doc: parseJson(body.text, url, "GET " + url), etag: response.headers.get("etag") ?? undefined };
}

/** Parses a document, turning a syntax error into a `RemoteError` of kind "invalid-json". */
export function parseJson(text: string, url: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const snippet = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new RemoteError("invalid-json", `${what}: body is not valid JSON (${describeError(error)}; starts with ${JSON.stringify(snippet)})`, { url, cause: error });
  }
}

/** A short description of a thrown value for a log line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
