// Text that came from the network, made safe to print in the developer's terminal: any page can
// POST to the metrics sink (CORS is `*`), so what it sends must not move the cursor, recolour
// the screen, set the window title or start a line that looks like the server's own output.

// C0 controls (newline, ESC, ...), DEL, C1 controls (U+009B is a one-character CSI on some
// terminals), the Unicode line and paragraph separators, and the bidirectional overrides and
// isolates that can make a line read differently from what it holds.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character shown as a `\u001b`-style escape, cut to at most `max`
 * characters (an ellipsis marks the cut). The result is always a single, inert line.
 */
export function printable(text: string, max: number): string {
  const safe = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (safe.length <= max) return safe;
  // Do not leave half an escape or a lone surrogate at the cut.
  const cut = safe.slice(0, Math.max(0, max - 1)).replace(/\\u[0-9a-f]{0,3}$|\\$|[\ud800-\udbff]$/, "");
  return `${cut}…`;
}
