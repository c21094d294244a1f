// UTF-8 text: decoding streamed bodies and measuring sizes against byte limits.

/** A UTF-8 decoder from the platform. */
export function newTextDecoder(): TextDecoder {
  const TD = (globalThis as { TextDecoder?: typeof TextDecoder }).TextDecoder;
  if (typeof TD !== "function") throw new Error("no TextDecoder on this platform");
  return new TD("utf-8");
}

/** Size in bytes of a string once UTF-8 encoded (without allocating the encoding). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}
