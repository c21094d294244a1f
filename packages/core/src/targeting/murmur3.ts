// MurmurHash3 x86 32-bit over the UTF-8 bytes of a string, seed 0: the hash flagd's `fractional`
// buckets with (Go `murmur3.StringSum32`, and the Java, Python and .NET providers). The bytes
// are produced on the fly from UTF-16 code units, so hashing allocates nothing.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

// Hash state of the call in progress. Module-level (hashing is synchronous and calls nothing
// outside this file) so the byte feeder below is a plain function rather than a closure.
let h = 0;
let block = 0; // bytes gathered for the current 4-byte block, little-endian
let filled = 0; // how many bytes `block` holds

function push(byte: number): void {
  block |= byte << (filled << 3);
  if (++filled === 4) {
    h = mixBlock(h, block);
    block = 0;
    filled = 0;
  }
}

/** MurmurHash3 x86_32 (seed 0) of the UTF-8 encoding of `input`, as an unsigned 32-bit integer. */
export function murmur3(input: string): number {
  h = 0;
  block = 0;
  filled = 0;
  let length = 0; // total UTF-8 bytes
  const n = input.length;
  let i = 0;
  // ASCII fast path: whole blocks of four one-byte characters
  while (i + 4 <= n) {
    const a = input.charCodeAt(i);
    const b = input.charCodeAt(i + 1);
    const c = input.charCodeAt(i + 2);
    const d = input.charCodeAt(i + 3);
    if ((a | b | c | d) >= 0x80) break;
    h = mixBlock(h, a | (b << 8) | (c << 16) | (d << 24));
    i += 4;
    length += 4;
  }
  for (; i < n; i++) {
    let c = input.charCodeAt(i);
    if (c < 0x80) {
      push(c);
      length += 1;
      continue;
    }
    if (c < 0x800) {
      push(0xc0 | (c >> 6));
      push(0x80 | (c & 0x3f));
      length += 2;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const next = input.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        push(0xf0 | (c >> 18));
        push(0x80 | ((c >> 12) & 0x3f));
        push(0x80 | ((c >> 6) & 0x3f));
        push(0x80 | (c & 0x3f));
        length += 4;
        continue;
      }
    }
    // a lone surrogate encodes as U+FFFD, as Go's and TextEncoder's UTF-8 conversion do
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    push(0xe0 | (c >> 12));
    push(0x80 | ((c >> 6) & 0x3f));
    push(0x80 | (c & 0x3f));
    length += 3;
  }

  let hash = h;
  if (filled > 0) {
    let k = Math.imul(block, C1);
    k = (k << 15) | (k >>> 17);
    hash ^= Math.imul(k, C2);
  }
  hash ^= length;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
