import type { FetchResponseLike } from "../platform/fetch.js";
import { newTextDecoder, utf8Length } from "../platform/text.js";

/** The body text, or how many bytes had arrived when it went past the limit. */
export type LimitedBody = { ok: true; text: string } | { ok: false; bytes: number };

/** Drops a body we will not read, so the connection can be reused; failures do not matter. */
export function discardBody(response: FetchResponseLike): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // a body that is already locked or consumed needs no cancelling
  }
}

/**
 * Reads a response body as UTF-8 text, but stops as soon as it grows past `maxBytes`, so an
 * oversized or endless response cannot exhaust memory. `Content-Length` is checked first.
 */
export async function readBodyWithin(response: FetchResponseLike, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardBody(response);
    return { ok: false, bytes: declared };
  }
  const body = response.body;
  if (!body || typeof body.getReader !== "function") {
    // A fetch without streams (some polyfills): the limit can only be checked after the fact.
    const text = await response.text();
    const bytes = utf8Length(text);
    return bytes > maxBytes ? { ok: false, bytes } : { ok: true, text };
  }
  const reader = body.getReader();
  const decoder = newTextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      reader.cancel().catch(() => undefined);
      return { ok: false, bytes };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { ok: true, text: text + decoder.decode() };
}
